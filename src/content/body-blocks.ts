import { DomUtils, parseDocument } from 'htmlparser2';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
const { isTag, isText } = DomUtils;

export type BlockKind = 'paragraph' | 'heading' | 'list' | 'quote' | 'table' | 'caption' | 'image';

/** A body as a reader sees it, one block at a time: what a revision compare lines up. */
export interface TextBlock {
  kind: BlockKind;
  /** The block's text with runs of white space as one space; an image's 图片说明. */
  text: string;
  /** An image's file name, so a picture swapped under the same 说明 shows as changed. */
  image?: string;
}

const BLOCK_KINDS: Record<string, BlockKind> = { p: 'paragraph', h2: 'heading', h3: 'heading', h4: 'heading', li: 'list', tr: 'table', figcaption: 'caption', caption: 'caption' };

interface OpenBlock {
  kind: BlockKind;
  text: string;
  images: TextBlock[];
}

const fileName = (src: string | undefined) => (src ?? '').split(/[?#]/)[0]!.split('/').pop() ?? '';

/**
 * A sanitized body as text blocks in reading order: paragraphs, headings, list
 * items, quotes, table rows (cells apart by a space), captions, and each image
 * by its 说明 after the block it stands in. Markup that changes no text (a
 * bold word, a link's address) makes no difference here, on purpose: the
 * compare shows what a reader would notice.
 */
export function bodyBlocks(html: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const flush = (open: OpenBlock) => {
    const text = open.text.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ kind: open.kind, text });
    blocks.push(...open.images);
    open.text = '';
    open.images = [];
  };
  const walk = (nodes: ChildNode[], open: OpenBlock, quoted: boolean): void => {
    for (const node of nodes) {
      if (isText(node)) open.text += node.data;
      if (!isTag(node)) continue;
      if (node.name === 'img') {
        open.images.push({ kind: 'image', text: (node.attribs.alt ?? '').trim(), image: fileName(node.attribs.src) });
        continue;
      }
      if (['br', 'td', 'th'].includes(node.name)) open.text += ' ';
      const kind = node.name === 'blockquote' ? 'quote' : BLOCK_KINDS[node.name];
      if (!kind) {
        walk(node.children, open, quoted);
        continue;
      }
      // A block inside another (a list in a list item, a paragraph in a quote) ends the text before it.
      flush(open);
      const inner: OpenBlock = { kind: quoted && kind === 'paragraph' ? 'quote' : kind, text: '', images: [] };
      walk(node.children, inner, quoted || kind === 'quote');
      flush(inner);
    }
  };
  const root: OpenBlock = { kind: 'paragraph', text: '', images: [] };
  walk(parseDocument(html).children, root, false);
  flush(root);
  return blocks;
}
