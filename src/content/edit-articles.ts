import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { conflict, forbidden, notFound } from '../lib/errors.js';
import type { Article } from './article.js';
import { diffArticle } from './article-changes.js';
import { type ArticleFields, articleFieldsToColumns, type SanitizedFields, sanitizeFields } from './article-fields.js';
import { findArticle } from './article-repo.js';
import { recordUses } from './media-uses.js';
import { createArticle } from './create-article.js';
import { syncArticleSearch } from '../search/index.js';
import { queueArticlePush } from '../search-push/index.js';
import { listRevisions, recordRevision } from './revisions.js';
import { auditActor, type StaffActor } from './staff-actor.js';
import { recordSubmissionEditor } from './submission-editors.js';
import { saveArticleTags } from './tag-repo.js';
import { SanitizedBody } from './text-work.js';
import { editableStatuses } from './workflow.js';

/** A staff member starts an article: it is a draft until submitted for review. */
export async function createDraft(
  db: Db,
  fields: Pick<ArticleFields, 'categoryId' | 'title' | 'bodyHtml' | 'origin'> & Partial<ArticleFields>,
  actor: StaffActor,
  now: Date,
): Promise<Article> {
  if (!can(actor.user.role, 'article.create')) throw forbidden('auth.forbidden');
  const bodyHtml = await SanitizedBody.of(fields.bodyHtml);
  return db.transaction().execute(async (trx) => {
    const article = await createArticle(trx, { ...fields, bodyHtml, status: 'draft', publisher: null, createdBy: actor.user.id, writerIp: actor.ip }, now);
    await recordAudit(trx, { actor: auditActor(actor), action: 'article.create', targetType: 'article', targetId: article.id, details: { title: article.title } }, now);
    return article;
  });
}

/**
 * Changes an article's fields, keeping a revision when the title or body
 * changed (one person's edits minutes apart are merged into one) and
 * recording the edit in the audit log. Editors may edit until
 * publication; a pending article they edit goes back to the first review
 * level, since what was reviewed is no longer what it says. Every edit bumps
 * the version and records the editor, who then cannot approve it (see
 * transitionArticle). Throws Conflict('content.article_changed') when the
 * article changed status meanwhile.
 */
export async function updateArticle(
  db: Db,
  articleId: number,
  fields: Partial<ArticleFields>,
  actor: StaffActor,
  now: Date,
  options: { keepEveryRevision?: boolean } = {},
): Promise<Article> {
  if (!can(actor.user.role, 'article.edit')) throw forbidden('auth.forbidden');
  const sanitized = await sanitizeFields(fields);
  return db.transaction().execute((trx) => saveEdit(trx, articleId, sanitized, actor, now, options));
}

/**
 * updateArticle inside a transaction the caller holds, with the fields
 * sanitized already (sanitizeFields, outside any transaction: it runs in a
 * worker).
 */
export async function saveEdit(
  trx: Db,
  articleId: number,
  fields: SanitizedFields,
  actor: StaffActor,
  now: Date,
  options: { keepEveryRevision?: boolean } = {},
): Promise<Article> {
  const article = await findArticle(trx, articleId);
  if (!article) throw notFound('content.article_not_found');
  if (!editableStatuses(can(actor.user.role, 'article.review')).includes(article.status)) {
    throw forbidden('content.article_not_editable', { status: article.status });
  }
  const columns = await articleFieldsToColumns(trx, fields);
  const result = await trx
    .updateTable('articles')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1), review_level: 0, updated_by: actor.user.id, updated_at: now.toISOString() }))
    .where('id', '=', articleId)
    // An approval committed since the read above would otherwise publish one text and show readers this one.
    .where('status', '=', article.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict('content.article_changed');
  await saveArticleTags(trx, articleId, fields.tags);
  await recordSubmissionEditor(trx, articleId, actor.user.id);
  const updated = (await findArticle(trx, articleId))!;
  await syncArticleSearch(trx, articleId);
  if (fields.bodyHtml !== undefined || fields.leadImage !== undefined) await recordUses(trx, updated);
  if (updated.title !== article.title || updated.bodyHtml !== article.bodyHtml) {
    await recordRevision(trx, updated, actor.user.id, now, { merge: !options.keepEveryRevision });
  }
  // One entry per real change, naming only the fields that moved (a form sends all of them), with
  // their values before and after when short: 'fields' is what entries always had, 'changes' is new.
  const changes = diffArticle(article, updated);
  if (changes.fields.length > 0) {
    await recordAudit(trx, { actor: auditActor(actor), action: 'article.update', targetType: 'article', targetId: articleId, details: { ...changes } }, now);
  }
  // A published article that changed is worth a new crawl; the push is sent once this commits.
  if (updated.status === 'published' && changes.fields.length > 0) {
    await queueArticlePush(trx, { articleId, change: 'published', visibleFrom: updated.publishedAt ?? now }, now);
  }
  return updated;
}

/** Brings back the title and body of an earlier revision, as a new edit (nothing is lost). */
export async function restoreRevision(db: Db, articleId: number, revisionId: number, actor: StaffActor, now: Date): Promise<Article> {
  const [article, revisions] = await Promise.all([findArticle(db, articleId), listRevisions(db, articleId)]);
  if (!article) throw notFound('content.article_not_found');
  const revision = revisions.find((r) => r.id === revisionId);
  if (!revision) throw notFound('content.revision_not_found', { revisionId });
  return updateArticle(db, articleId, { title: revision.title, bodyHtml: revision.bodyHtml }, actor, now, { keepEveryRevision: true });
}
