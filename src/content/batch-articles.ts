import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { lockRowsInIdOrder } from '../db/dialect.js';
import { AppError, conflict, forbidden, type ErrorCode } from '../lib/errors.js';
import { errorMessageFor } from '../messages/error-messages.js';
import type { Article, ArticleStatus } from './article.js';
import { type ArticleFields, sanitizeFields } from './article-fields.js';
import { findArticle } from './article-repo.js';
import { saveEdit } from './edit-articles.js';
import { auditActor, type StaffActor } from './staff-actor.js';
import { moveArticle, type TransitionOutcome } from './transition-article.js';

/** The most articles one batch may name: a newsroom's whole backlog, still one transaction of a few seconds. */
export const MAX_BATCH_ARTICLES = 1000;

/** What a batch may change on every article it names: the section, and the 头条/推荐/置顶 marks. */
export type BatchChange = Pick<Partial<ArticleFields>, 'categoryId' | 'flags'>;

export interface BatchRefusal {
  id: number;
  /** Null for an id that names no article. */
  title: string | null;
  error: ErrorCode;
  /** Why, in Chinese, for this article. */
  message: string;
}

/**
 * Moves every named article through the workflow (approve, withdraw with
 * one reason for all, …) in one transaction, each with its audit entry.
 * If any one may not move, nothing moves: throws
 * Conflict('content.batch_refused') listing each refused article and why.
 */
export async function transitionArticles(
  db: Db,
  input: { ids: number[]; to: ArticleStatus; reason?: string; versions?: Record<string, number>; actor: StaffActor; reviewLevels: 1 | 2 },
  now: Date,
): Promise<Array<{ id: number; outcome: TransitionOutcome }>> {
  const { ids, versions, ...move } = input;
  return allOrNothing(db, ids, async (trx, articleId) => {
    const version = versions?.[String(articleId)];
    const { outcome } = await moveArticle(trx, { ...move, articleId, ...(version !== undefined ? { version } : {}) }, now);
    return { id: articleId, outcome };
  });
}

/** Sets the section or the marks of every named article, as an edit of each (audited, versioned), all or none. */
export async function updateArticles(db: Db, input: { ids: number[]; change: BatchChange; actor: StaffActor }, now: Date): Promise<Article[]> {
  if (!can(input.actor.user.role, 'article.edit')) throw forbidden('auth.forbidden');
  const sanitized = await sanitizeFields(input.change);
  return allOrNothing(db, input.ids, (trx, articleId) => saveEdit(trx, articleId, sanitized, input.actor, now));
}

/**
 * Deletes drafts that were never published, all or none: an article readers
 * once saw is withdrawn (下架), never deleted, so the record of what was
 * published stays. Editors delete their own drafts; reviewers and admins any.
 */
export async function deleteDrafts(db: Db, input: { ids: number[]; actor: StaffActor }, now: Date): Promise<number[]> {
  const { user } = input.actor;
  return allOrNothing(db, input.ids, async (trx, articleId) => {
    const article = await findArticle(trx, articleId);
    if (!article) throw new AppError('NotFound', 'content.article_not_found');
    if (article.status !== 'draft' || article.publishedAt !== null) throw conflict('content.not_a_draft');
    if (article.createdBy !== user.id && !can(user.role, 'article.review')) throw forbidden('content.not_your_draft');
    await trx.deleteFrom('articles').where('id', '=', articleId).where('status', '=', 'draft').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: auditActor(input.actor), action: 'article.delete', targetType: 'article', targetId: articleId, details: { title: article.title } }, now);
    return articleId;
  });
}

/**
 * Runs `each` for every id (once each, in the order given) in one
 * transaction, which locks the articles in id order first (see lockRowsInIdOrder). Refusals (our own errors) are collected rather than stopping
 * at the first, so the person learns every article that stands in the way;
 * if there are any, the transaction is rolled back and one Conflict lists
 * them. Any other error rolls back and is thrown as it is.
 */
async function allOrNothing<T>(db: Db, ids: number[], each: (trx: Db, id: number) => Promise<T>): Promise<T[]> {
  return db.transaction().execute(async (trx) => {
    await lockRowsInIdOrder(trx, 'articles', ids);
    const done: T[] = [];
    const refused: Array<Omit<BatchRefusal, 'title'>> = [];
    for (const id of new Set(ids)) {
      try {
        done.push(await each(trx, id));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused.push({ id, error: error.code, message: errorMessageFor(error.code, error.details) });
      }
    }
    if (refused.length > 0) throw conflict('content.batch_refused', { count: refused.length, refused: await withTitles(trx, refused) });
    return done;
  });
}

async function withTitles(db: Db, refused: Array<Omit<BatchRefusal, 'title'>>): Promise<BatchRefusal[]> {
  const rows = await db.selectFrom('articles').select(['id', 'title']).where('id', 'in', refused.map((r) => r.id)).execute();
  const titles = new Map(rows.map((row) => [row.id, row.title]));
  return refused.map((r) => ({ ...r, title: titles.get(r.id) ?? null }));
}
