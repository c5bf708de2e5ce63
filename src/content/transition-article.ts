import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { lookupIpRegion } from '../geo/index.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import type { Article, ArticleStatus } from './article.js';
import { missingReprintFields } from './article-fields.js';
import { findArticle } from './article-repo.js';
import { syncArticleSearch } from '../search/index.js';
import { queueArticlePush } from '../search-push/index.js';
import { auditActor, type StaffActor } from './staff-actor.js';
import { clearSubmissionEditors, listSubmissionEditors } from './submission-editors.js';
import { checkReadVersion, findTransition, mayUnsubmit } from './workflow.js';

export interface TransitionInput {
  articleId: number;
  to: ArticleStatus;
  reason?: string;
  /** The version the person read (articles' `version`); required to approve or republish. */
  version?: number;
  actor: StaffActor;
  reviewLevels: 1 | 2;
}

export type TransitionOutcome = 'moved' | 'first_review_passed';

/**
 * Moves an article through the workflow, in one transaction with its audit
 * entry. With two review levels, the first approval (初审) keeps the article
 * pending and the second (终审), by another reviewer, publishes it.
 *
 * Throws NotFound, Conflict('workflow.illegal_transition') for a move the
 * workflow does not allow or when someone else moved it first,
 * Conflict('workflow.stale_version') when the article changed after the
 * version the person read, Forbidden for a role that may not, and Invalid
 * for a missing reason, version or reprint fields.
 */
export async function transitionArticle(
  db: Db,
  input: TransitionInput,
  now: Date,
): Promise<{ article: Article; outcome: TransitionOutcome }> {
  return db.transaction().execute((trx) => moveArticle(trx, input, now));
}

/** transitionArticle inside a transaction the caller holds (a batch moves many in one). */
export async function moveArticle(trx: Db, input: TransitionInput, now: Date): Promise<{ article: Article; outcome: TransitionOutcome }> {
  const article = await findArticle(trx, input.articleId);
  if (!article) throw notFound('content.article_not_found');
  const transition = findTransition(article.status, input.to);
  if (!transition) throw conflict('workflow.illegal_transition', { from: article.status, to: input.to });
  const { user } = input.actor;
  if (!can(user.role, transition.permission)) throw forbidden('auth.forbidden');
  if (transition.name === 'unsubmit' && !mayUnsubmit(article, user)) throw forbidden('workflow.others_submission');
  const reason = input.reason?.trim() || null;
  if (transition.reasonRequired && !reason) throw invalid('workflow.reason_required');
  checkReadVersion(article.version, transition, input.version);
  if (transition.name === 'submit') {
    const missing = missingReprintFields(article);
    if (missing.length > 0) throw invalid('content.reprint_fields_required', { missing });
    await clearSubmissionEditors(trx, article.id);
  }

  const review = transition.name === 'approve' ? await approve(trx, article, input, reason, now) : undefined;
  const to = review?.to ?? input.to;
  if (transition.name === 'reject') {
    await trx
      .insertInto('article_reviews')
      .values({ article_id: article.id, reviewer_id: user.id, level: 0, decision: 'rejected', reason, created_at: now.toISOString() })
      .execute();
  }

  const firstPublication = to === 'published' && transition.name === 'approve';
  const { scheduledAt } = article;
  // Guarded by the status and version read above: if another request moved or edited the article meanwhile, nothing is updated.
  const result = await trx
    .updateTable('articles')
    .set({
      status: to,
      review_level: review?.level ?? 0,
      status_reason: transition.reasonRequired ? reason : null,
      updated_by: user.id,
      updated_at: now.toISOString(),
      // Where the writer is when they hand it in is where readers see it was written from.
      ...(transition.name === 'submit' && article.createdBy === user.id ? { writer_ip_region: lookupIpRegion(input.actor.ip) ?? null } : {}),
      ...(firstPublication
        ? {
            // Scheduled publishing: a future time keeps it hidden from readers until then.
            published_at: (scheduledAt && scheduledAt > now ? scheduledAt : now).toISOString(),
            publisher_id: user.id,
            publisher_ip_region: lookupIpRegion(input.actor.ip) ?? null,
          }
        : {}),
    })
    .where('id', '=', article.id)
    .where('status', '=', article.status)
    .where('version', '=', article.version)
    // Two first-level approvals at once would both see level 0; only one moves it on.
    .where('review_level', '=', article.reviewLevel)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const current = await findArticle(trx, article.id);
    if (current && current.version !== article.version) throw conflict('workflow.stale_version', { version: current.version });
    throw conflict('workflow.illegal_transition', { from: article.status, to });
  }

  const actor = auditActor(input.actor);
  const level = review && (review.level || input.reviewLevels);
  await recordAudit(
    trx,
    { actor, action: `article.${transition.name}`, targetType: 'article', targetId: article.id, details: { from: article.status, to, reason, ...(level ? { level } : {}) } },
    now,
  );
  if (review?.override) {
    await recordAudit(trx, { actor, action: 'article.approve_override', targetType: 'article', targetId: article.id, details: review.override }, now);
  }
  // Published, withdrawn or back to draft: search shows the change with this commit.
  await syncArticleSearch(trx, article.id);
  const updated = (await findArticle(trx, article.id))!;
  // Search engines are told once this commits: the push worker sends what this queues.
  if (to === 'published') await queueArticlePush(trx, { articleId: article.id, change: 'published', visibleFrom: updated.publishedAt ?? now }, now);
  else if (article.status === 'published') await queueArticlePush(trx, { articleId: article.id, change: 'withdrawn', visibleFrom: now }, now);
  return { article: updated, outcome: to === input.to ? 'moved' : 'first_review_passed' };
}

interface Approval {
  to: ArticleStatus;
  /** The review level the article stays at: 0 once published. */
  level: number;
  /** Set when an admin approved what a reviewer could not: recorded in the audit log. */
  override?: { ownArticle: boolean; editedSinceSubmission: boolean };
}

/**
 * Separation of duties: whoever wrote the article or changed it since it was
 * submitted does not approve it, and 初审 and 终审 are two people. Admins may
 * approve their own work (one-person sites), and the audit log says so.
 */
async function approve(trx: Db, article: Article, input: TransitionInput, reason: string | null, now: Date): Promise<Approval> {
  const { user } = input.actor;
  const ownArticle = article.createdBy === user.id;
  const editedSinceSubmission = (await listSubmissionEditors(trx, article.id)).includes(user.id);
  if (user.role !== 'admin') {
    if (ownArticle) throw forbidden('workflow.own_article');
    if (editedSinceSubmission) throw forbidden('workflow.edited_since_submission');
  }
  const level = article.reviewLevel + 1;
  if (level > 1) {
    const first = await trx
      .selectFrom('article_reviews')
      .select('reviewer_id')
      .where('article_id', '=', article.id)
      .where('level', '=', level - 1)
      .where('decision', '=', 'approved')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (first?.reviewer_id === user.id) throw forbidden('workflow.same_reviewer');
  }
  await trx
    .insertInto('article_reviews')
    .values({ article_id: article.id, reviewer_id: user.id, level, decision: 'approved', reason, created_at: now.toISOString() })
    .execute();
  const override = ownArticle || editedSinceSubmission ? { ownArticle, editedSinceSubmission } : undefined;
  return level < input.reviewLevels ? { to: 'pending', level, override } : { to: 'published', level: 0, override };
}
