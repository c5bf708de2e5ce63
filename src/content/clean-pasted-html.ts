import { DomUtils, parseDocument } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
// Not text's index: this runs in a worker thread, which should not load the lexicon.
import { escapeHtml } from '../lib/escape-html.js';
import { cleanDisguisedText, isKeywordStuffing, removePinyinAnnotations } from '../text/disguised-text.js';
import { toSimplified } from '../text/chinese-script.js';
import { BODY_STRUCTURE } from './sanitize-body.js';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

export interface CleanPasteInput {
  /** Markup from the clipboard or another site; or `text`, plain text. */
  html?: string;
  text?: string;
  /** Convert traditional characters to simplified. */
  simplified?: boolean;
}

/** A picture of another site that the editor should bring into the media store. */
export interface RemoteImage {
  src: string;
  alt: string;
}

/** What was taken out, by kind: the editor shows a line for each non-zero count. */
export interface PasteRemovals {
  hiddenText: number;
  trackingPixels: number;
  pinyin: number;
  keywordLines: number;
}

export interface CleanPasteResult {
  html: string;
  images: RemoteImage[];
  removed: PasteRemovals;
}

/** Elements whose content is never part of an article. */
const DROPPED_WHOLE = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'video', 'audio',
  'head', 'title', 'meta', 'link', 'form', 'input', 'button', 'select', 'textarea', 'mpvoice', 'mpprofile', 'qqmusic',
]);
/** Layout boxes: each becomes a paragraph when it holds only inline content, or disappears around its blocks. */
const BOXES = new Set(['section', 'div', 'article', 'main', 'header', 'footer', 'aside', 'center', 'body', 'html']);
const BLOCKS = new Set([
  ...BOXES, 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'hr', 'table', 'pre',
]);
/** Blocks whose whole text may be an injected line of keywords. */
const TEXT_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
const HEADINGS: Record<string, string> = { h1: 'h2', h5: 'h4', h6: 'h4' };

/** Hosts that only count readers; an image from them is a tracking pixel whatever its size. */
const TRACKER_HOSTS = [
  'google-analytics.com', 'doubleclick.net', 'hm.baidu.com', 'tongji.baidu.com', 'cnzz.com', 'mmstat.com',
  'pingjs.qq.com', 'pingtcss.qq.com', 'tajs.qq.com', 'beacon.qq.com', 'scorecardresearch.com', 'pixel.wp.com',
  'facebook.com', 'growingio.com', 'sensorsdata.cn', 'umeng.com',
];

function styleOf(element: Element): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const declaration of (element.attribs.style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) declarations.set(declaration.slice(0, colon).trim().toLowerCase(), withoutImportant(declaration.slice(colon + 1).trim().toLowerCase()));
  }
  return declarations;
}

// Not /\s*!important$/: tried from every space of a long run of them, each attempt ran on to the end (200,000 took 28 s).
const withoutImportant = (value: string) => (value.endsWith('!important') ? value.slice(0, -'!important'.length).trimEnd() : value);

const isZero = (value: string | undefined) => value !== undefined && /^0(\.0+)?([a-z%]+)?$/.test(value);

/** Text a reader of the original never saw: spam sites hide keywords this way. Only what inline styles say is known. */
function isHidden(element: Element): boolean {
  if ('hidden' in element.attribs) return true;
  const style = styleOf(element);
  const color = style.get('color');
  const background = style.get('background-color') ?? style.get('background');
  return (
    style.get('display') === 'none' ||
    style.get('visibility') === 'hidden' ||
    isZero(style.get('font-size')) ||
    isZero(style.get('opacity')) ||
    (color !== undefined && color.replace(/\s/g, '') === background?.replace(/\s/g, ''))
  );
}

const pixels = (value: string | undefined) => (value === undefined ? undefined : Number.parseFloat(value));

function isTrackingPixel(element: Element, src: string): boolean {
  const style = styleOf(element);
  const width = pixels(element.attribs.width ?? style.get('width'));
  const height = pixels(element.attribs.height ?? style.get('height'));
  if ((width !== undefined && width <= 1) || (height !== undefined && height <= 1)) return true;
  const host = new URL(src).hostname;
  return TRACKER_HOSTS.some((tracker) => host === tracker || host.endsWith(`.${tracker}`));
}

/**
 * An image's picture: WeChat's lazy images keep it in data-src (src is a
 * placeholder until the reader scrolls), and some sites write `//host/…`.
 * Undefined for anything but an http(s) address or this site's own media path.
 */
function imageSource(element: Element): string | undefined {
  const raw = (element.attribs['data-src'] || element.attribs['data-original'] || element.attribs.src || '').trim();
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw;
  try {
    const url = new URL(raw.startsWith('//') ? `https:${raw}` : raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const isBold = (element: Element) => /^(bold|bolder|[6-9]00)$/.test(styleOf(element).get('font-weight') ?? '');

class PasteCleaner {
  readonly images: RemoteImage[] = [];
  readonly removed: PasteRemovals = { hiddenText: 0, trackingPixels: 0, pinyin: 0, keywordLines: 0 };

  constructor(private readonly simplified: boolean) {}

  cleanChildren(parent: { children: Node[] }): void {
    for (const child of [...parent.children]) this.cleanNode(child);
  }

  private cleanNode(node: Node): void {
    if (DomUtils.isText(node)) {
      const { text, removed } = removePinyinAnnotations(node.data);
      this.removed.pinyin += removed;
      node.data = this.simplified ? toSimplified(text) : text;
      return;
    }
    if (!DomUtils.isTag(node)) {
      if (DomUtils.hasChildren(node)) this.cleanChildren(node);
      else DomUtils.removeElement(node);
      return;
    }
    if (DROPPED_WHOLE.has(node.name)) return DomUtils.removeElement(node);
    if (isHidden(node)) {
      this.removed.hiddenText++;
      return DomUtils.removeElement(node);
    }
    if (node.name === 'img') return this.cleanImage(node);
    this.cleanChildren(node);
    if (TEXT_BLOCKS.has(node.name) && isKeywordStuffing(DomUtils.textContent(node))) {
      this.removed.keywordLines++;
      return DomUtils.removeElement(node);
    }
    if (BOXES.has(node.name)) return this.reshapeBox(node);
    if (node.name === 'span' || node.name === 'font') {
      if (isBold(node)) node.name = 'strong';
      else unwrap(node);
    }
  }

  private cleanImage(image: Element): void {
    const src = imageSource(image);
    if (src === undefined) return DomUtils.removeElement(image);
    if (!src.startsWith('/') && isTrackingPixel(image, src)) {
      this.removed.trackingPixels++;
      return DomUtils.removeElement(image);
    }
    const alt = (image.attribs.alt || image.attribs['data-alt'] || image.attribs.title || '').trim();
    image.attribs = { src, alt };
    if (!src.startsWith('/') && !this.images.some((known) => known.src === src)) this.images.push({ src, alt });
  }

  /** WeChat nests sections many deep: the innermost that holds a line of text is the paragraph. */
  private reshapeBox(box: Element): void {
    const hasBlock = box.children.some((child) => DomUtils.isTag(child) && BLOCKS.has(child.name));
    if (hasBlock) return unwrap(box);
    const hasContent = DomUtils.textContent(box).trim() !== '' || DomUtils.findOne((e) => e.name === 'img', box.children) !== null;
    if (!hasContent) return DomUtils.removeElement(box);
    if (isKeywordStuffing(DomUtils.textContent(box))) {
      this.removed.keywordLines++;
      return DomUtils.removeElement(box);
    }
    box.name = 'p';
    box.attribs = {};
  }
}

/** Replaces an element with its children. */
function unwrap(element: Element): void {
  for (const child of [...element.children]) DomUtils.prepend(element, child);
  DomUtils.removeElement(element);
}

/** The body allowlist, with other sites' images kept: the editor fetches them before it saves. */
const pastePolicy: sanitizeHtml.IOptions = {
  ...BODY_STRUCTURE,
  allowProtocolRelative: false,
  transformTags: {
    ...HEADINGS,
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow ugc' }),
  },
  // Paragraphs left empty by what was taken out (a pixel, a hidden line) go too.
  exclusiveFilter: (frame) => frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length,
};

const BLOCK_TAG = '(?:p|h[2-4]|ul|ol|li|blockquote|figure|figcaption|hr|table|caption|thead|tbody|tr|th|td)';
const SPACE_AFTER_BLOCK = new RegExp(`(<\\/${BLOCK_TAG}>|<${BLOCK_TAG}\\b[^>]*>)\\s+`, 'g');
// From the first space of a run only: tried from every space of a long run, each attempt ran on to its end (40,000 spaces took 2 s).
const SPACE_BEFORE_BLOCK = new RegExp(`(?<!\\s)\\s+(<\\/?${BLOCK_TAG}\\b)`, 'g');

/** The source's indentation between blocks: it means nothing in a body and would show as stray spaces. */
const withoutLayoutWhitespace = (html: string) => html.replace(SPACE_AFTER_BLOCK, '$1').replace(SPACE_BEFORE_BLOCK, '$1').trim();

/** Plain text as paragraphs, one per line, after the disguise is taken off. */
function textAsHtml(text: string, removed: PasteRemovals): string {
  const cleaned = cleanDisguisedText(text);
  removed.pinyin += cleaned.pinyinRemoved;
  removed.keywordLines += cleaned.keywordLinesRemoved;
  return cleaned.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/**
 * Pasted or imported markup reduced to an article body's structure
 * (paragraphs, headings, lists, images, links, tables, bold) with everything
 * else left out: scripts, styles, classes, WeChat's section wrappers, hidden
 * text, tracking pixels, pinyin annotations and keyword lines. Images of
 * other sites stay in the markup and are listed, for the editor to fetch.
 * Costs grow with the markup, so it runs in a worker (text-work.ts).
 */
export function cleanPastedHtml(input: CleanPasteInput): CleanPasteResult {
  const cleaner = new PasteCleaner(input.simplified === true);
  const html = input.html ?? textAsHtml(input.text ?? '', cleaner.removed);
  const document = parseDocument(html);
  // A whole saved WeChat page: the article is js_content; the rest is the page around it.
  const root = DomUtils.getElementById('js_content', document.children) ?? document;
  cleaner.cleanChildren(root);
  const markup = DomUtils.getOuterHTML(root.children, { encodeEntities: 'utf8' });
  return { html: withoutLayoutWhitespace(sanitizeHtml(markup, pastePolicy)), images: cleaner.images, removed: cleaner.removed };
}
