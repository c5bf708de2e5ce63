import type { OverlayOptions } from 'sharp';
import { loadSharp, queueImageWork } from './image-queue.js';

export type WatermarkPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'center';

/** A mark ready to stamp: the site's text, or the bytes of its watermark image. */
export type Watermark =
  | { kind: 'text'; text: string; position: WatermarkPosition }
  | { kind: 'image'; data: Buffer; position: WatermarkPosition };

/** Icons, QR codes and thumbnails this small would be spoiled by a mark, not protected. */
const MIN_MARKED_WIDTH = 200;
const MIN_MARKED_HEIGHT = 100;

/**
 * Servers rarely share one CJK font, so name the common ones: Noto/Source Han
 * (Linux packages), WenQuanYi (older distributions), PingFang and YaHei.
 */
const CJK_FONT_FAMILIES = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif";

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** CJK characters are one em wide, Latin ones about half; an estimate is enough, the mark is fitted afterwards. */
const emWidth = (text: string) => [...text].reduce((ems, c) => ems + (c.codePointAt(0)! >= 0x2e80 ? 1 : 0.6), 0);

/** White, semi-transparent text with a faint dark outline, so it reads on light and dark photos alike. */
function textMarkSvg(text: string, frameWidth: number): Buffer {
  const size = Math.max(14, Math.round(frameWidth * 0.03));
  const width = Math.ceil((emWidth(text) + 1) * size);
  const height = Math.ceil(size * 1.5);
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<text x="50%" y="50%" text-anchor="middle" dominant-baseline="central" font-family="${CJK_FONT_FAMILIES}" font-size="${size}" ` +
      `fill="#fff" fill-opacity="0.7" stroke="#000" stroke-opacity="0.35" stroke-width="${size / 16}" paint-order="stroke">` +
      `${escapeXml(text)}</text></svg>`,
  );
}

/** The mark as a PNG no wider than ~20% (image) or 60% (text) of the frame, and never taller than half of it. */
async function renderMark(mark: Watermark, frame: { width: number; height: number }) {
  const source = mark.kind === 'text' ? textMarkSvg(mark.text, frame.width) : mark.data;
  const { data, info } = await queueImageWork(async () =>
    (await loadSharp())(source)
      .resize({
        width: Math.round(frame.width * (mark.kind === 'text' ? 0.6 : 0.2)),
        height: Math.round(frame.height * 0.5),
        fit: 'inside',
        // Text is drawn at its size and only ever shrunk; a small logo is scaled up to its share of the width.
        withoutEnlargement: mark.kind === 'text',
      })
      .png()
      .toBuffer({ resolveWithObject: true }),
  );
  return { data, width: info.width, height: info.height };
}

function offset(position: WatermarkPosition, axis: 'x' | 'y', room: number, margin: number): number {
  if (position === 'center') return Math.round(room / 2);
  const nearStart = axis === 'x' ? position.endsWith('left') : position.startsWith('top');
  return nearStart ? margin : room - margin;
}

/**
 * What to composite onto an image of `pages` frames stacked vertically (how
 * sharp holds an animation): one copy of the mark per frame, since a
 * composite covers the whole stack once. Empty when the frame is too small.
 */
export async function watermarkOverlays(
  mark: Watermark,
  frame: { width: number; height: number; pages: number },
): Promise<OverlayOptions[]> {
  if (frame.width < MIN_MARKED_WIDTH || frame.height < MIN_MARKED_HEIGHT) return [];
  const rendered = await renderMark(mark, frame);
  const margin = Math.round(Math.min(frame.width, frame.height) * 0.03);
  const left = offset(mark.position, 'x', frame.width - rendered.width, margin);
  const top = offset(mark.position, 'y', frame.height - rendered.height, margin);
  return Array.from({ length: frame.pages }, (_, page) => ({ input: rendered.data, left, top: page * frame.height + top }));
}
