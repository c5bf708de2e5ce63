import { recordAudit } from '../audit/index.js';
import { auditActor, type StaffActor } from '../content/index.js';
import type { Db } from '../db/database.js';
import { conflict, notFound } from '../lib/errors.js';
import type { CommentStatus } from './comment.js';

export type ModerationTarget = Exclude<CommentStatus, 'pending'>;

/**
 * Where a moderator may move a comment from each status. Published → published
 * keeps a reported comment and dismisses its reports.
 */
export const MODERATION_MOVES: Record<CommentStatus, readonly ModerationTarget[]> = {
  pending: ['published', 'rejected', 'deleted'],
  published: ['published', 'rejected', 'deleted'],
  rejected: ['published', 'deleted'],
  deleted: [],
};

/**
 * Approves, rejects or deletes comments, one or many, in one transaction with
 * an audit entry each: if any one cannot move (gone, or moved meanwhile by
 * another moderator), nothing moves, so the answer is all there is to know and
 * no page shows half a batch. The article's comment count follows what readers
 * can see; a reader's approved comments count towards trust under
 * publish-then-review. Reports on a moderated comment are resolved.
 * Returns the ids moved.
 */
export async function moderateComments(
  db: Db,
  input: { ids: number[]; to: ModerationTarget; reason?: string; actor: StaffActor },
  now: Date,
): Promise<number[]> {
  // Rows are locked in one order, comments by id, then articles, then readers, as a reader deleting their
  // own comment does (comment, then article): two batches, or a batch and a reader, never deadlock on PostgreSQL.
  const ids = [...new Set(input.ids)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('comments').select(['id', 'status', 'article_id', 'reader_id']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const articleDeltas = new Map<number, number>();
    const approvedByReader = new Map<number, number>();
    const add = (counts: Map<number, number>, key: number, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
    for (const id of ids) {
      const comment = byId.get(id);
      if (!comment) throw notFound('comments.not_found', { id });
      if (!MODERATION_MOVES[comment.status].includes(input.to)) throw conflict('comments.illegal_transition', { id, from: comment.status, to: input.to });
      const result = await trx
        .updateTable('comments')
        .set({ status: input.to, flagged: 0, moderated_by: input.actor.user.id, moderated_at: now.toISOString(), moderation_reason: input.reason ?? null })
        .where('id', '=', id)
        .where('status', '=', comment.status)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw conflict('comments.illegal_transition', { id });
      add(articleDeltas, comment.article_id, (input.to === 'published' ? 1 : 0) - (comment.status === 'published' ? 1 : 0));
      if (comment.status === 'pending' && input.to === 'published') add(approvedByReader, comment.reader_id, 1);
      await recordAudit(
        trx,
        { actor: auditActor(input.actor), action: `comment.${input.to}`, targetType: 'comment', targetId: id, details: { from: comment.status, reason: input.reason ?? null } },
        now,
      );
    }
    for (const [articleId, delta] of sortedByKey(articleDeltas)) {
      if (delta !== 0) await trx.updateTable('articles').set((eb) => ({ comment_count: eb('comment_count', '+', delta) })).where('id', '=', articleId).execute();
    }
    for (const [readerId, approved] of sortedByKey(approvedByReader)) {
      await trx.updateTable('readers').set((eb) => ({ approved_comments: eb('approved_comments', '+', approved) })).where('id', '=', readerId).execute();
    }
    await trx.updateTable('comment_reports').set({ resolved_at: now.toISOString() }).where('comment_id', 'in', ids).where('resolved_at', 'is', null).execute();
    return ids;
  });
}

const sortedByKey = (counts: Map<number, number>) => [...counts].sort(([a], [b]) => a - b);

/** Bans a reader from commenting and liking, with a reason kept for the record. */
export async function banReader(db: Db, input: { readerId: number; reason: string; actor: StaffActor }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('readers').set({ banned_at: now.toISOString(), ban_reason: input.reason }).where('id', '=', input.readerId).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound('comments.not_found', { readerId: input.readerId });
    await recordAudit(trx, { actor: auditActor(input.actor), action: 'reader.ban', targetType: 'reader', targetId: input.readerId, details: { reason: input.reason } }, now);
  });
}
