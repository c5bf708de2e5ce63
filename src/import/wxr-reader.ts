import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { invalid } from '../lib/errors.js';
import type { WxrAuthor, WxrCategory, WxrComment, WxrItem, WxrRecord, WxrTag } from './wxr-records.js';

/**
 * The longest text one field may hold. A body is stored up to 200,000
 * characters (content/body-limits.ts); a field far beyond that is reported,
 * and not kept, so one enormous element cannot take the memory the
 * streaming read saves.
 */
export const MAX_FIELD_CHARS = 2_000_000;

/** Where the read has got: bytes of the file, and records handed over. */
export interface WxrPosition {
  bytes: number;
  items: number;
}

const emptyItem = (): WxrItem => ({
  title: '', link: '', guid: '', creator: '', content: '', excerpt: '', postId: '', postDate: '', postDateGmt: '',
  postName: '', status: '', postType: '', password: '', attachmentUrl: '', thumbnailId: '', imageAlt: '', categories: [], comments: [],
});
const emptyComment = (): WxrComment => ({ id: '', author: '', authorEmail: '', authorIp: '', dateGmt: '', content: '', approved: '', type: '', parent: '' });

// Which element fills which field, by the parent element it sits in. Only these are kept: everything else in an
// export (postmeta, menus, terms) is skipped without holding its text.
const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title', link: 'link', guid: 'guid', 'dc:creator': 'creator', 'content:encoded': 'content', 'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId', 'wp:post_date': 'postDate', 'wp:post_date_gmt': 'postDateGmt', 'wp:post_name': 'postName',
  'wp:status': 'status', 'wp:post_type': 'postType', 'wp:post_password': 'password', 'wp:attachment_url': 'attachmentUrl',
};
const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id', 'wp:comment_author': 'author', 'wp:comment_author_email': 'authorEmail', 'wp:comment_author_IP': 'authorIp',
  'wp:comment_date_gmt': 'dateGmt', 'wp:comment_content': 'content', 'wp:comment_approved': 'approved', 'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
};
const AUTHOR_FIELDS: Record<string, keyof WxrAuthor> = { 'wp:author_login': 'login', 'wp:author_email': 'email', 'wp:author_display_name': 'displayName' };
const CATEGORY_FIELDS: Record<string, keyof WxrCategory> = {
  'wp:term_id': 'termId', 'wp:category_nicename': 'slug', 'wp:category_parent': 'parentSlug', 'wp:cat_name': 'name',
};
/** The post meta kept, of the many a post has: its featured image, and an attachment's text alternative. */
const META_FIELDS = new Map<string, 'thumbnailId' | 'imageAlt'>([
  ['_thumbnail_id', 'thumbnailId'],
  ['_wp_attachment_image_alt', 'imageAlt'],
]);
const TAG_FIELDS: Record<string, keyof WxrTag> = { 'wp:tag_slug': 'slug', 'wp:tag_name': 'name' };

/**
 * Reads a WordPress export as a stream, handing over one record at a time:
 * the site, authors, categories, tags, then each item with its comments. Only
 * the record being read is held, so a 500 MB export needs a few megabytes.
 *
 * A DOCTYPE is refused outright: WordPress never writes one, and its entity
 * declarations are how "billion laughs" files blow up a parser's memory.
 * CDATA is text like any other (saxes joins the sections of a split one).
 *
 * Throws Invalid 'import.doctype_refused', 'import.not_wordpress',
 * 'import.malformed_xml' or 'import.truncated', with `line` and `items` (how
 * many records came before): the records handed over until then stay valid.
 */
export async function* readWxr(input: Readable, position: WxrPosition = { bytes: 0, items: 0 }): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ position: true });
  const ready: WxrRecord[] = [];
  const path: string[] = [];
  let text = '';
  let textTooLong = false;
  let version = '';
  let baseUrl = '';
  let channelLink = '';
  let item: WxrItem | undefined;
  let comment: WxrComment | undefined;
  let author: WxrAuthor | undefined;
  let category: WxrCategory | undefined;
  let tag: WxrTag | undefined;
  let categoryAttributes: { domain: string; nicename: string } | undefined;
  let metaKey = '';
  let siteHanded = false;

  const fail = (code: 'import.malformed_xml' | 'import.truncated', reason: string) =>
    invalid(code, { line: parser.line, column: parser.column, items: position.items + ready.filter((r) => r.kind !== 'site').length, reason });
  const hand = (record: WxrRecord) => {
    if (!version) throw invalid('import.not_wordpress', { items: position.items });
    // The channel's own fields come before its first author, category or item: the site is known by then.
    if (!siteHanded) ready.push({ kind: 'site', site: { baseUrl: baseUrl || channelLink, wxrVersion: version } });
    siteHanded = true;
    ready.push(record);
  };
  const addText = (chunk: string) => {
    if (textTooLong) return;
    if (text.length + chunk.length > MAX_FIELD_CHARS) {
      textTooLong = true;
      text = '';
      return;
    }
    text += chunk;
  };

  parser.on('doctype', () => {
    throw invalid('import.doctype_refused', { line: parser.line });
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('opentag', (tag_) => {
    const name = tag_.name;
    const parent = path[path.length - 1];
    path.push(name);
    text = '';
    textTooLong = false;
    if (name === 'item' && parent === 'channel') item = emptyItem();
    else if (name === 'wp:comment' && item) comment = emptyComment();
    else if (name === 'wp:author' && parent === 'channel') author = { login: '', email: '', displayName: '' };
    else if (name === 'wp:category' && parent === 'channel') category = { termId: '', slug: '', parentSlug: '', name: '' };
    else if (name === 'wp:tag' && parent === 'channel') tag = { slug: '', name: '' };
    else if (name === 'category' && parent === 'item') {
      const attribute = (key: string) => (typeof tag_.attributes[key] === 'string' ? (tag_.attributes[key] as string) : '');
      categoryAttributes = { domain: attribute('domain'), nicename: attribute('nicename') };
    }
  });
  parser.on('closetag', ({ name }) => {
    path.pop();
    const parent = path[path.length - 1];
    const value = text.trim();
    if (textTooLong && item) item.oversized = name;
    text = '';
    if (name === 'wp:wxr_version' && parent === 'channel') version = value;
    else if (name === 'wp:base_blog_url' && parent === 'channel') baseUrl = value;
    else if (name === 'link' && parent === 'channel') channelLink = value;
    else if (name === 'item' && item) {
      hand({ kind: 'item', item });
      item = undefined;
    } else if (name === 'wp:comment' && item && comment) {
      item.comments.push(comment);
      comment = undefined;
    } else if (item && parent === 'wp:postmeta' && name === 'wp:meta_key') metaKey = value;
    else if (item && parent === 'wp:postmeta' && name === 'wp:meta_value' && META_FIELDS.has(metaKey)) item[META_FIELDS.get(metaKey)!] = value;
    else if (comment && parent === 'wp:comment' && COMMENT_FIELDS[name]) comment[COMMENT_FIELDS[name]] = value;
    else if (item && parent === 'item' && name === 'category' && categoryAttributes) {
      item.categories.push({ ...categoryAttributes, name: value });
      categoryAttributes = undefined;
    } else if (item && parent === 'item' && ITEM_FIELDS[name]) {
      const field = ITEM_FIELDS[name];
      if (field !== 'categories' && field !== 'comments' && field !== 'oversized') item[field] = value;
    } else if (name === 'wp:author' && author) {
      hand({ kind: 'author', author });
      author = undefined;
    } else if (author && parent === 'wp:author' && AUTHOR_FIELDS[name]) author[AUTHOR_FIELDS[name]] = value;
    else if (name === 'wp:category' && category) {
      hand({ kind: 'category', category });
      category = undefined;
    } else if (category && parent === 'wp:category' && CATEGORY_FIELDS[name]) category[CATEGORY_FIELDS[name]] = value;
    else if (name === 'wp:tag' && tag) {
      hand({ kind: 'tag', tag });
      tag = undefined;
    } else if (tag && parent === 'wp:tag' && TAG_FIELDS[name]) tag[TAG_FIELDS[name]] = value;
  });
  // saxes reports a well-formedness error and would go on; an export with one cannot be trusted past it.
  parser.on('error', (error) => {
    throw fail('import.malformed_xml', error.message.replace(/^[^:]*:\d+:\d+: /, ''));
  });

  input.setEncoding('utf8');
  for await (const chunk of input) {
    position.bytes += Buffer.byteLength(chunk as string);
    let failure: unknown;
    try {
      parser.write(chunk as string);
    } catch (error) {
      failure = error;
    }
    // The records completed before the fault in this piece of the file are good: they are handed over first.
    yield* take(ready, position);
    if (failure) throw failure;
  }
  try {
    parser.close();
  } catch (error) {
    // Only an unfinished document fails at its end: a file cut short, as an interrupted download or upload leaves it.
    if (error instanceof Error && error.name === 'AppError' && (error as { code?: string }).code === 'import.malformed_xml') {
      throw fail('import.truncated', (error as { details?: { reason?: string } }).details?.reason ?? '');
    }
    throw error;
  }
  yield* take(ready, position);
  if (!version) throw invalid('import.not_wordpress', { items: position.items });
}

function* take(ready: WxrRecord[], position: WxrPosition): Generator<WxrRecord> {
  while (ready.length > 0) {
    const record = ready.shift()!;
    if (record.kind !== 'site') position.items++;
    yield record;
  }
}
