import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { lookupIpRegion } from '../geo/index.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import type { Article, ArticleStatus } from './article.js';
import { missingReprintFields } from './article-fields.js';
import { findArticle } from './article-repo.js';
import { auditActor, type StaffActor } from './staff-actor.js';
import { findTransition } from './workflow.js';

export interface TransitionInput {
  articleId: number;
  to: ArticleStatus;
  reason?: string;
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
 * workflow does not allow or when someone else moved it first, Forbidden for
 * a role that may not, and Invalid for a missing reason or reprint fields.
 */
export async function transitionArticle(
  db: Db,
  input: TransitionInput,
  now: Date,
): Promise<{ article: Article; outcome: TransitionOutcome }> {
  return db.transaction().execute(async (trx) => {
    const article = await findArticle(trx, input.articleId);
    if (!article) throw notFound('content.article_not_found');
    const transition = findTransition(article.status, input.to);
    if (!transition) throw conflict('workflow.illegal_transition', { from: article.status, to: input.to });
    const { user } = input.actor;
    if (!can(user.role, transition.permission)) throw forbidden('auth.forbidden');
    const reason = input.reason?.trim() || null;
    if (transition.reasonRequired && !reason) throw invalid('workflow.reason_required');
    if (transition.name === 'submit') {
      const missing = missingReprintFields(article);
      if (missing.length > 0) throw invalid('content.reprint_fields_required', { missing });
    }

    let to = input.to;
    let reviewLevel = 0;
    if (transition.name === 'approve') {
      // Separation of duties: whoever wrote it does not approve it (admins may, for one-person sites).
      if (article.createdBy === user.id && user.role !== 'admin') throw forbidden('workflow.own_article');
      const level = article.reviewLevel + 1;
      if (level < input.reviewLevels) {
        to = 'pending';
        reviewLevel = level;
      } else if (level > 1) {
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
    }
    if (transition.name === 'reject') {
      await trx
        .insertInto('article_reviews')
        .values({ article_id: article.id, reviewer_id: user.id, level: 0, decision: 'rejected', reason, created_at: now.toISOString() })
        .execute();
    }

    const publishing = to === 'published' && article.status !== 'published';
    const firstPublication = publishing && transition.name === 'approve';
    const { scheduledAt } = article;
    // Guarded by the status read above: if another request moved the article meanwhile, nothing is updated.
    const result = await trx
      .updateTable('articles')
      .set({
        status: to,
        review_level: reviewLevel,
        status_reason: transition.reasonRequired ? reason : null,
        updated_by: user.id,
        updated_at: now.toISOString(),
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
      // Two first-level approvals at once would both see level 0; only one moves it on.
      .where('review_level', '=', article.reviewLevel)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('workflow.illegal_transition', { from: article.status, to });

    await recordAudit(
      trx,
      {
        actor: auditActor(input.actor),
        action: `article.${transition.name}`,
        targetType: 'article',
        targetId: article.id,
        details: { from: article.status, to, reason, ...(transition.name === 'approve' ? { level: reviewLevel || input.reviewLevels } : {}) },
      },
      now,
    );
    const updated = await findArticle(trx, article.id);
    return { article: updated!, outcome: to === input.to ? 'moved' : 'first_review_passed' };
  });
}
