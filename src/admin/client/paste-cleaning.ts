import type { Editor } from '@tiptap/core';
import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';
import { bodyImages, markImages } from './image-marks.js';

interface CleanedPaste {
  html: string;
  images: Array<{ src: string; alt: string }>;
  warnings: Array<{ code: string; count: number; message: string }>;
  lexiconHits: Array<{ matched: string; action: string }>;
}

interface StoredMedia {
  width: number;
  height: number;
  body: { src: string; srcset: string };
}

/** What a paste sends to the cleaner: markup when the clipboard has some, otherwise text of several lines. */
export function pastedContent(data: DataTransfer | null): { html: string } | { text: string } | undefined {
  const html = data?.getData('text/html') ?? '';
  if (html.trim()) return { html };
  const text = data?.getData('text/plain') ?? '';
  // A word or a line pastes as the editor does it; a whole article goes through the cleaner (pinyin, keyword lines).
  return text.includes('\n') ? { text } : undefined;
}

const line = (text: string, kind: 'ok' | 'error' | 'busy' = 'ok') =>
  Object.assign(document.createElement('li'), { textContent: text, className: `paste-report__${kind}` });

/** The editor's images that still show this address. */
const imagesAt = (editor: Editor, src: string) => bodyImages(editor).filter((image) => image.node.attrs.src === src);

/**
 * Brings one image of another site into the media store and points the
 * body's copies of it there. One that cannot be fetched stays marked: WeChat
 * refuses hotlinking, so readers would see nothing, and the save refuses it.
 */
async function localizeImage(editor: Editor, image: CleanedPaste['images'][number], item: HTMLLIElement, label: string): Promise<boolean> {
  markImages(editor, imagesAt(editor, image.src), 'fetching', am.paste.fetching);
  try {
    // The stored item needs a description; the body's own alt stays as pasted, so an empty one is still pointed out at save.
    const media = await api<StoredMedia>('POST', '/api/admin/media/fetch', { url: image.src, alt: image.alt || am.paste.defaultAlt });
    const { tr } = editor.state;
    for (const { pos, node } of imagesAt(editor, image.src)) {
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, src: media.body.src, srcset: media.body.srcset || null, width: media.width, height: media.height });
    }
    editor.view.dispatch(tr);
    markImages(editor, imagesAt(editor, media.body.src), undefined);
    item.replaceWith(line(am.paste.fetched(label)));
    return true;
  } catch (error) {
    const message = am.paste.fetchFailed(label, messageOf(error));
    markImages(editor, imagesAt(editor, image.src), 'fetch-failed', message);
    item.replaceWith(line(message, 'error'));
    return false;
  }
}

/**
 * A paste from another site: cleaned by the server, inserted, then each of
 * its images fetched in turn, with a line per image in `report`.
 */
export async function pasteCleaned(editor: Editor, content: { html: string } | { text: string }, simplified: boolean, report: HTMLElement): Promise<void> {
  report.replaceChildren(line(am.paste.cleaning, 'busy'));
  let cleaned: CleanedPaste;
  try {
    cleaned = await api<CleanedPaste>('POST', '/api/admin/paste/clean', { ...content, simplified });
  } catch (error) {
    report.replaceChildren(line(am.paste.cleanFailed(messageOf(error)), 'error'));
    return;
  }
  editor.chain().focus().insertContent(cleaned.html).run();
  report.replaceChildren(
    ...cleaned.warnings.map((w) => line(w.message)),
    ...cleaned.lexiconHits.map((hit) => line(am.editor.lexiconHit(hit.matched, hit.action === 'reject'), 'error')),
  );
  const items = cleaned.images.map((_, i) => report.appendChild(line(am.paste.waiting(i + 1, cleaned.images.length), 'busy')));
  let failed = 0;
  for (const [i, image] of cleaned.images.entries()) {
    const label = am.paste.imageLabel(i + 1, cleaned.images.length);
    items[i]!.textContent = am.paste.fetchingOne(label);
    if (!(await localizeImage(editor, image, items[i]!, label))) failed++;
  }
  if (failed > 0) report.appendChild(line(am.paste.someFailed(failed), 'error'));
}
