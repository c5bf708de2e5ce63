import type { Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ArticleTable } from '../db/schema.js';
import { invalid, notFound } from '../lib/errors.js';
import { checkedWebLink } from '../lib/web-link.js';
import { findMediaItems } from '../media/index.js';
import type { ArticleOrigin } from './article.js';
import { requireCategory } from './category-repo.js';
import { SanitizedBody } from './text-work.js';

/** Everything staff write about an article, as the admin API names it. */
export interface ArticleFields {
  categoryId: number;
  title: string;
  summary: string;
  leadImage: { mediaId: number; alt: string } | null;
  editorNote: string | null;
  bodyHtml: string;
  credits: string | null;
  origin: ArticleOrigin;
  sourceName: string | null;
  sourceUrl: string | null;
  originalTitle: string | null;
  originalAuthor: string | null;
  responsibleEditor: string | null;
  author: string | null;
  scheduledAt: Date | null;
  flags: { headline?: boolean; recommended?: boolean; pinned?: boolean };
  /** 关键词: stored apart from the article's row (see saveArticleTags). */
  tags: string[];
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** As long as the admin form takes it. */
const SOURCE_URL_MAX = 1000;

/**
 * 原文链接 becomes a link on the article page, so it is an http(s) address
 * or nothing, whichever way it came in (the form, a site export, a reprint).
 */
function checkedSourceUrl(value: string | null): string | null {
  const text = blankToNull(value);
  if (text === null) return null;
  const link = checkedWebLink(text, SOURCE_URL_MAX);
  if (!link) throw invalid('content.invalid_source_url');
  return link;
}

/** How much of the text before an image the message quotes, so the editor recognizes where it is. */
const NEAR_TEXT_CHARS = 12;

/**
 * Refuses a body with an image that has no text alternative, naming the
 * first such image by its place (1-based, among the body's images) and the
 * text just before it, or its file name when nothing precedes it; every
 * place is in details.indexes, for the editor to mark each image.
 * The body is sanitized, so every <img> has a double-quoted alt and src.
 */
function checkBodyImageAlts(bodyHtml: string): void {
  const images = [...bodyHtml.matchAll(/<img\b[^>]*>/g)];
  const missing = images.flatMap((m, i) => (/\balt="([^"]*)"/.exec(m[0])?.[1]?.trim() ? [] : [{ index: i + 1, at: m.index, tag: m[0] }]));
  const [first] = missing;
  if (!first) return;
  // The last line of text before the image: the end of its own paragraph, or of the one above it.
  const lines = bodyHtml.slice(0, first.at).split(/<\/?(?:p|h[2-4]|li|blockquote|figure|figcaption|td|th|br)\b[^>]*>/);
  const before = lines.map((line) => line.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim()).filter(Boolean).at(-1) ?? '';
  const near = [...before].slice(-NEAR_TEXT_CHARS).join('');
  const src = /\bsrc="([^"]*)"/.exec(first.tag)?.[1] ?? '';
  const image = near ? `“…${near}”之后` : src.slice(src.lastIndexOf('/') + 1);
  throw invalid('content.body_image_alt_required', {
    field: 'bodyHtml',
    index: first.index,
    image,
    src,
    missing: missing.length,
    indexes: missing.map((m) => m.index),
  });
}

/** Fields as the column mapping takes them: with the body already sanitized. */
export type SanitizedFields = Omit<Partial<ArticleFields>, 'bodyHtml'> & { bodyHtml?: SanitizedBody };

/**
 * Sanitizes the body, if given, in a worker thread: call it before opening a
 * transaction (see SanitizedBody). Throws Invalid 'content.body_too_long',
 * 'content.body_too_many_tags' or 'content.too_slow'.
 */
export async function sanitizeFields(fields: Partial<ArticleFields>): Promise<SanitizedFields> {
  const { bodyHtml, ...rest } = fields;
  return bodyHtml === undefined ? rest : { ...rest, bodyHtml: await SanitizedBody.of(bodyHtml) };
}

/**
 * Checks and normalizes the given fields into column values: trims text,
 * and requires a title, an existing category and a text alternative for
 * every image. Fields not given are left out.
 */
export async function articleFieldsToColumns(db: Db, fields: SanitizedFields): Promise<Updateable<ArticleTable>> {
  const columns: Updateable<ArticleTable> = {};
  if (fields.title !== undefined) {
    columns.title = fields.title.trim();
    if (!columns.title) throw invalid('content.title_required');
  }
  if (fields.categoryId !== undefined) {
    await requireCategory(db, fields.categoryId);
    columns.category_id = fields.categoryId;
  }
  if (fields.bodyHtml !== undefined) {
    columns.body_html = fields.bodyHtml.html;
    checkBodyImageAlts(columns.body_html);
  }
  if (fields.leadImage !== undefined) {
    if (fields.leadImage && !fields.leadImage.alt.trim()) throw invalid('content.image_alt_required');
    if (fields.leadImage && !(await findMediaItems(db, [fields.leadImage.mediaId])).has(fields.leadImage.mediaId)) {
      throw invalid('content.lead_image_not_found', { mediaId: fields.leadImage.mediaId });
    }
    columns.lead_image_id = fields.leadImage?.mediaId ?? null;
    columns.lead_image_alt = fields.leadImage?.alt.trim() ?? null;
  }
  if (fields.summary !== undefined) columns.summary = fields.summary.trim();
  if (fields.origin !== undefined) columns.origin = fields.origin;
  const text: Array<[keyof ArticleFields, keyof ArticleTable]> = [
    ['editorNote', 'editor_note'],
    ['credits', 'credits'],
    ['sourceName', 'source_name'],
    ['originalTitle', 'original_title'],
    ['originalAuthor', 'original_author'],
    ['responsibleEditor', 'responsible_editor'],
    ['author', 'author'],
  ];
  const record = columns as Record<string, unknown>;
  for (const [field, column] of text) {
    if (fields[field] !== undefined) record[column] = blankToNull(fields[field] as string | null);
  }
  if (fields.sourceUrl !== undefined) columns.source_url = checkedSourceUrl(fields.sourceUrl);
  if (fields.scheduledAt !== undefined) columns.scheduled_at = fields.scheduledAt?.toISOString() ?? null;
  if (fields.flags?.headline !== undefined) columns.is_headline = fields.flags.headline ? 1 : 0;
  if (fields.flags?.recommended !== undefined) columns.is_recommended = fields.flags.recommended ? 1 : 0;
  if (fields.flags?.pinned !== undefined) columns.is_pinned = fields.flags.pinned ? 1 : 0;
  return columns;
}

/** 互联网新闻信息服务管理规定: a reprint names its source, original title and author, and the responsible editor. */
export function missingReprintFields(article: {
  origin: ArticleOrigin;
  reprint: { sourceName: string | null; originalTitle: string | null; originalAuthor: string | null; responsibleEditor: string | null };
}): string[] {
  if (article.origin !== 'reprint') return [];
  const r = article.reprint;
  return Object.entries({
    sourceName: r.sourceName,
    originalTitle: r.originalTitle,
    originalAuthor: r.originalAuthor,
    responsibleEditor: r.responsibleEditor,
  })
    .filter(([, value]) => !value)
    .map(([field]) => field);
}

export type ReprintWarning = 'reprint.unlicensed_source' | 'reprint.title_changed';

/**
 * What staff are warned about, without being stopped: a source outside the
 * site's list of licensed outlets, and a title that differs from the
 * original's (the rules forbid distorting a reprint's title).
 */
export function reprintWarnings(
  article: { origin: ArticleOrigin; title: string; reprint: { sourceName: string | null; originalTitle: string | null } },
  licensedSources: readonly string[],
): ReprintWarning[] {
  if (article.origin !== 'reprint') return [];
  const warnings: ReprintWarning[] = [];
  const source = article.reprint.sourceName;
  if (source && !licensedSources.includes(source)) warnings.push('reprint.unlicensed_source');
  if (article.reprint.originalTitle && article.reprint.originalTitle !== article.title) warnings.push('reprint.title_changed');
  return warnings;
}
