/**
 * A WordPress post's content as bendi's sanitizer takes it. WordPress stores
 * classic posts without paragraphs (its wpautop filter adds them when it
 * shows a page) and with shortcodes; both are turned into plain markup here.
 * Nothing here makes markup safe: the body still goes through the article
 * sanitizer (content/sanitize-body.ts), which is what decides what is stored.
 */

import { escapeHtml } from '../lib/escape-html.js';

const BLOCK_START = /^<(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|blockquote|figure|pre|hr|dl|address|section|article|aside|header|footer|nav|form|fieldset|!--)\b/i;

/** wpautop, in short: blank lines part paragraphs, single line breaks become <br>, blocks stay as they are. */
export function addParagraphs(html: string): string {
  // Block-editor content (<!-- wp:paragraph -->) already says where its paragraphs are.
  if (html.includes('<!-- wp:')) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

/**
 * Shortcodes ([caption …]…[/caption], [gallery], [embed]…) need WordPress's
 * plugins to mean anything: their brackets go, what they wrap stays. Only a
 * bracket starting with a Latin letter is taken for one, so a note like [1]
 * or [注] is text. WordPress allows no bracket inside a shortcode's
 * attributes, so one ends the attempt: scanning on past it, every `[a ` of a
 * body without `]` ran to its end (40,000 characters took 0.25 s, growing
 * with the square).
 */
export function dropShortcodes(html: string): string {
  return html.replace(/\[\/?[a-z][a-z0-9_-]*(?:\s[^[\]]*)?\/?\]/gi, '');
}

export interface BodyImage {
  /** The whole <img …> tag as it stands in the body. */
  tag: string;
  src: string;
  alt: string;
}

const IMG_TAG = /<img\b[^>]*>/gi;

/**
 * The markup up to its last `>`, where every <img> tag lies, and the rest.
 * IMG_TAG runs on the first part only: there each `<img` finds its `>`, so the
 * search goes through the text once; on the rest, `[^>]*` ran on to the end
 * from every `<img` (200,000 characters of them took seconds).
 */
function splitAfterLastTag(html: string): [tags: string, rest: string] {
  const end = html.lastIndexOf('>') + 1;
  return [html.slice(0, end), html.slice(end)];
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#038': '&' };
const decodeEntities = (value: string) => value.replace(/&(amp|quot|apos|lt|gt|#39|#038);/g, (_, name: string) => ENTITIES[name]!);

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return decodeEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim());
}

/** Every <img> of a body, with its src and alt. */
export function findImages(html: string): BodyImage[] {
  const [tags] = splitAfterLastTag(html);
  return [...tags.matchAll(IMG_TAG)].map((m) => ({ tag: m[0], src: attribute(m[0], 'src'), alt: attribute(m[0], 'alt') }));
}

/** What each image becomes: an <img> of this site's media, or a link to where the picture still is (or nothing). */
export type ImageReplacement = { kind: 'media'; path: string; alt: string; width: number; height: number } | { kind: 'link'; url: string; text: string } | { kind: 'drop' };

export function replaceImages(html: string, replacementFor: (image: BodyImage) => ImageReplacement): string {
  const [tags, rest] = splitAfterLastTag(html);
  const replaced = tags.replace(IMG_TAG, (tag) => {
    const replacement = replacementFor({ tag, src: attribute(tag, 'src'), alt: attribute(tag, 'alt') });
    if (replacement.kind === 'drop') return '';
    if (replacement.kind === 'link') return `<a href="${escapeHtml(replacement.url)}">${escapeHtml(replacement.text)}</a>`;
    const { path, alt, width, height } = replacement;
    return `<img src="${escapeHtml(path)}" alt="${escapeHtml(alt)}" width="${width}" height="${height}">`;
  });
  return replaced + rest;
}
