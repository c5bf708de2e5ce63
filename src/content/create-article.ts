import type { Db } from '../db/database.js';
import { lookupIpRegion } from '../geo/index.js';
import { invalid } from '../lib/errors.js';
import type { Article, ArticleStatus } from './article.js';
import { type ArticleFields, articleFieldsToColumns, missingReprintFields } from './article-fields.js';
import { insertArticle } from './article-repo.js';
import { syncArticleSearch } from '../search/index.js';
import { recordUses } from './media-uses.js';
import { recordRevision } from './revisions.js';
import { saveArticleTags } from './tag-repo.js';
import { SanitizedBody } from './text-work.js';

export type CreateArticleInput = Pick<ArticleFields, 'categoryId' | 'title' | 'origin'> &
  Partial<Omit<ArticleFields, 'categoryId' | 'title' | 'bodyHtml' | 'origin'>> & {
    /** Raw, or sanitized already when the caller holds a transaction (see SanitizedBody). */
    bodyHtml: string | SanitizedBody;
    status: ArticleStatus;
    /** When published: the time it went (or goes) live; defaults to now. */
    publishedAt?: Date | null;
    /** Who published it and from where: the byline's account and its IP属地. */
    publisher: { id: number; ip: string } | null;
    createdBy?: number | null;
    /** The writer's address, for the IP属地 readers are shown. */
    writerIp?: string;
  };

/**
 * Creates an article and its first revision. The body is sanitized here,
 * once (unless it comes sanitized), so every page can render it as markup. When it is created published,
 * the publisher's IP属地 is looked up and recorded with it.
 *
 * Throws Invalid for a missing title, bad tags (see normalizeTags), an image without a text alternative, or
 * a reprint beyond draft without its source, original title and author and
 * responsible editor; NotFound for an unknown category.
 */
export async function createArticle(db: Db, input: CreateArticleInput, now: Date): Promise<Article> {
  const bodyHtml = input.bodyHtml instanceof SanitizedBody ? input.bodyHtml : await SanitizedBody.of(input.bodyHtml);
  const columns = await articleFieldsToColumns(db, { ...input, bodyHtml });
  const beyondDraft = input.status !== 'draft';
  const reprint = {
    sourceName: input.sourceName ?? null,
    originalTitle: input.originalTitle ?? null,
    originalAuthor: input.originalAuthor ?? null,
    responsibleEditor: input.responsibleEditor ?? null,
  };
  const missing = missingReprintFields({ origin: input.origin, reprint });
  if (beyondDraft && missing.length > 0) throw invalid('content.reprint_fields_required', { missing });

  const published = input.status === 'published';
  const article = await insertArticle(db, {
    summary: '',
    ...columns,
    category_id: input.categoryId,
    title: columns.title ?? input.title,
    body_html: columns.body_html ?? '',
    origin: input.origin,
    publisher_id: input.publisher?.id ?? null,
    publisher_ip_region: published && input.publisher ? (lookupIpRegion(input.publisher.ip) ?? null) : null,
    writer_ip_region: input.writerIp === undefined ? null : (lookupIpRegion(input.writerIp) ?? null),
    status: input.status,
    published_at: published ? (input.publishedAt ?? now).toISOString() : null,
    created_by: input.createdBy ?? null,
    updated_by: input.createdBy ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  const tags = await saveArticleTags(db, article.id, input.tags);
  await recordRevision(db, article, input.createdBy ?? null, now);
  await syncArticleSearch(db, article.id);
  await recordUses(db, article);
  return { ...article, tags };
}
