import type { Db } from '../db/database.js';
import { lookupIpRegion } from '../geo/index.js';
import { invalid, notFound } from '../lib/errors.js';
import type { Article, ArticleOrigin, ArticleStatus } from './article.js';
import { insertArticle } from './article-repo.js';
import { sanitizeArticleBody } from './sanitize-body.js';

export interface CreateArticleInput {
  categoryId: number;
  title: string;
  summary?: string;
  leadImage?: { mediaId: number; alt: string } | null;
  editorNote?: string | null;
  bodyHtml: string;
  credits?: string | null;
  origin: ArticleOrigin;
  sourceName?: string | null;
  sourceUrl?: string | null;
  originalTitle?: string | null;
  originalAuthor?: string | null;
  responsibleEditor?: string | null;
  author?: string | null;
  status: ArticleStatus;
  /** When published: the time it went (or goes) live; defaults to now. */
  publishedAt?: Date | null;
  publisher: { id: number; ip: string } | null;
  flags?: { headline?: boolean; recommended?: boolean; pinned?: boolean };
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Images in a body whose alt attribute is missing or blank. */
function countImagesWithoutAlt(bodyHtml: string): number {
  return [...bodyHtml.matchAll(/<img\b[^>]*>/g)].filter((m) => !/\balt="([^"]*)"/.exec(m[0])?.[1]?.trim()).length;
}

/**
 * Creates an article. The body is sanitized here, once, so every page can
 * render it as markup. When it is created published, the publisher's IP属地
 * is looked up and recorded with it.
 *
 * Throws Invalid for a missing title, a reprint without its source and
 * responsible editor, or an image without a text alternative; NotFound for
 * an unknown category.
 */
export async function createArticle(db: Db, input: CreateArticleInput, now: Date): Promise<Article> {
  const title = input.title.trim();
  if (!title) throw invalid('content.title_required');
  const category = await db.selectFrom('categories').select('id').where('id', '=', input.categoryId).executeTakeFirst();
  if (!category) throw notFound('content.category_not_found', { categoryId: input.categoryId });

  // 互联网新闻信息服务管理规定: a reprint names its source and the editor responsible for it.
  if (input.origin === 'reprint' && (!blankToNull(input.sourceName) || !blankToNull(input.responsibleEditor))) {
    throw invalid('content.reprint_fields_required');
  }
  const bodyHtml = sanitizeArticleBody(input.bodyHtml);
  if ((input.leadImage && !input.leadImage.alt.trim()) || countImagesWithoutAlt(bodyHtml) > 0) {
    throw invalid('content.image_alt_required');
  }

  const published = input.status === 'published';
  return insertArticle(db, {
    category_id: input.categoryId,
    title,
    summary: input.summary?.trim() ?? '',
    lead_image_id: input.leadImage?.mediaId ?? null,
    lead_image_alt: input.leadImage?.alt.trim() ?? null,
    editor_note: blankToNull(input.editorNote),
    body_html: bodyHtml,
    credits: blankToNull(input.credits),
    origin: input.origin,
    source_name: blankToNull(input.sourceName),
    source_url: blankToNull(input.sourceUrl),
    original_title: blankToNull(input.originalTitle),
    original_author: blankToNull(input.originalAuthor),
    responsible_editor: blankToNull(input.responsibleEditor),
    author: blankToNull(input.author),
    publisher_id: input.publisher?.id ?? null,
    publisher_ip_region: published && input.publisher ? (lookupIpRegion(input.publisher.ip) ?? null) : null,
    status: input.status,
    published_at: published ? (input.publishedAt ?? now).toISOString() : null,
    is_headline: input.flags?.headline ? 1 : 0,
    is_recommended: input.flags?.recommended ? 1 : 0,
    is_pinned: input.flags?.pinned ? 1 : 0,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}
