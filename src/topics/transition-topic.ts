import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { auditActor, checkReadVersion, findTransition, mayUnsubmit, type StaffActor } from '../content/index.js';
import type { Db } from '../db/database.js';
import { conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import type { Topic, TopicStatus } from './topic.js';
import { findTopic } from './topic-repo.js';

export interface TopicTransitionInput {
  topicId: number;
  to: TopicStatus;
  reason?: string;
  /** The version the person read; required to approve or republish. */
  version?: number;
  actor: StaffActor;
}

/**
 * Moves a 专题 through the articles' workflow (content/workflow.ts: the same
 * moves, permissions, reasons and version rule), in one transaction with its
 * audit entry. One approval publishes it: 专题 have no 初审/终审 levels.
 * Whoever created it does not approve it, except an admin (one-person sites).
 *
 * Throws NotFound('topics.not_found'), Conflict('workflow.illegal_transition')
 * or Conflict('workflow.stale_version'), Forbidden, and Invalid for a missing
 * reason or version.
 */
export async function transitionTopic(db: Db, input: TopicTransitionInput, now: Date): Promise<Topic> {
  return db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, input.topicId);
    if (!topic) throw notFound('topics.not_found');
    const transition = findTransition(topic.status, input.to);
    if (!transition) throw conflict('workflow.illegal_transition', { from: topic.status, to: input.to });
    const { user } = input.actor;
    if (!can(user.role, transition.permission)) throw forbidden('auth.forbidden');
    if (transition.name === 'unsubmit' && !mayUnsubmit(topic, user)) throw forbidden('workflow.others_submission');
    if (transition.name === 'approve' && topic.createdBy === user.id && user.role !== 'admin') throw forbidden('workflow.own_article');
    const reason = input.reason?.trim() || null;
    if (transition.reasonRequired && !reason) throw invalid('workflow.reason_required');
    checkReadVersion(topic.version, transition, input.version);

    // Guarded by the status and version read above: if another request moved or edited it meanwhile, nothing is updated.
    const result = await trx
      .updateTable('topics')
      .set({
        status: input.to,
        status_reason: transition.reasonRequired ? reason : null,
        ...(transition.name === 'approve' ? { published_at: now.toISOString() } : {}),
      })
      .where('id', '=', topic.id)
      .where('status', '=', topic.status)
      .where('version', '=', topic.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('workflow.illegal_transition', { from: topic.status, to: input.to });
    await recordAudit(
      trx,
      { actor: auditActor(input.actor), action: `topic.${transition.name}`, targetType: 'topic', targetId: topic.id, details: { from: topic.status, to: input.to, reason } },
      now,
    );
    return (await findTopic(trx, topic.id))!;
  });
}
