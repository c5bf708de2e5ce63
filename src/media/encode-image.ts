import { invalid } from '../lib/errors.js';
import { type ImageInfo, MAX_IMAGE_PIXELS } from './image-info.js';
import { loadSharp, queueImageWork } from './image-queue.js';
import { type Watermark, watermarkOverlays } from './watermark.js';

/** Widths a page asks for through srcset: phone, tablet or column, and a sharp full-width picture. */
const VARIANT_WIDTHS = [480, 960, 1600];
/** WebP at 78 is visually close to the original at a third of a JPEG's bytes. */
const VARIANT_QUALITY = 78;
/** The stored original is what a reader downloads at full size, so it keeps more detail. */
const ORIGINAL_QUALITY = 85;

/**
 * Within the size limits an image encodes in a few seconds; this bounds what
 * an input the limits did not foresee can cost (libvips stops the work).
 */
export const IMAGE_TIMEOUT_SECONDS = 30;

/**
 * The same pipeline reads every format. `animated` keeps all frames of a GIF
 * or WebP, so an animation stays one (and its variants are animated WebP);
 * `failOn: 'error'` still refuses truncated or corrupt data, but lets through
 * the harmless warnings that phone and WeChat JPEGs often carry.
 */
const decode = async (data: Buffer) =>
  (await loadSharp())(data, { animated: true, limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).timeout({ seconds: IMAGE_TIMEOUT_SECONDS });

/** Runs an encoding in its turn; sharp's errors say either that time ran out or that the pixels did not decode. */
const encodeQueued = <T>(encode: () => Promise<T>): Promise<T> =>
  queueImageWork(encode).catch((error: unknown) => {
    const timedOut = error instanceof Error && error.message.startsWith('timeout');
    throw timedOut ? invalid('media.too_slow', { maxSeconds: IMAGE_TIMEOUT_SECONDS }) : invalid('media.unsupported_image');
  });

/**
 * The image as it will be stored: upright, marked, re-encoded in its own
 * format. Re-encoding is what strips EXIF (GPS position, camera serial), XMP
 * and IPTC: sharp writes no metadata unless told to keep it.
 * Throws Invalid 'media.unsupported_image' when the pixels do not decode,
 * 'media.too_slow' past IMAGE_TIMEOUT_SECONDS.
 */
export async function encodeOriginal(data: Buffer, info: ImageInfo, mark: Watermark | undefined): Promise<Buffer> {
  let image = await decode(data);
  if (info.pages === 1) image = image.autoOrient();
  if (mark) image = image.composite(await watermarkOverlays(mark, info));
  // Quality matters only to the lossy formats; for PNG it would switch to a palette.
  const encoded = info.format === 'jpeg' || info.format === 'webp' ? image.toFormat(info.format, { quality: ORIGINAL_QUALITY }) : image.toFormat(info.format);
  return encodeQueued(() => encoded.toBuffer());
}

/**
 * The widths to make: the standard ones narrower than the image, then the
 * image's own width (capped at the widest), so srcset always covers it and
 * nothing is enlarged. 1000 px → 480, 960, 1000; 300 px → 300.
 */
export function variantWidths(width: number): number[] {
  const widest = Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!);
  return [...VARIANT_WIDTHS.filter((w) => w < widest), widest];
}

/**
 * Resized WebP copies, narrowest first. They are made from the stored
 * original, which is already upright, marked and clean: the mark then
 * shrinks with the picture instead of being stamped at full size.
 * Throws Invalid as encodeOriginal does.
 */
export async function encodeVariants(original: Buffer, width: number): Promise<Array<{ width: number; height: number; data: Buffer }>> {
  return Promise.all(
    variantWidths(width).map(async (w) => {
      const { data, info } = await encodeQueued(async () => (await decode(original)).resize({ width: w }).webp({ quality: VARIANT_QUALITY }).toBuffer({ resolveWithObject: true }));
      return { width: info.width, height: info.pageHeight ?? info.height, data };
    }),
  );
}
