import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import { notFound } from '../lib/errors.js';
import type { CommentStatus } from './comment.js';

/** One of a reader's own comments, as 我的 lists it. */
export interface OwnComment {
  id: number;
  articleId: number;
  /** Undefined once the article is no longer published: its title is for staff only then. */
  articleTitle: string | undefined;
  body: string;
  status: Exclude<CommentStatus, 'deleted'>;
  /** Why a moderator turned it down (未通过), when they said. */
  rejectionReason: string | null;
  replyToNickname: string | null;
  createdAt: Date;
}

/** The reader's comments, newest first, in every state but deleted. */
export async function listReaderComments(db: Db, readerId: number, limit: number, now: Date): Promise<OwnComment[]> {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('readers as replied', 'replied.id', 'comments.reply_to_reader_id')
    .select([
      'comments.id',
      'comments.article_id',
      'articles.title',
      'articles.status as article_status',
      'articles.published_at',
      'comments.body',
      'comments.status',
      'comments.moderation_reason',
      'replied.nickname as reply_to_nickname',
      'comments.created_at',
    ])
    .where('comments.reader_id', '=', readerId)
    .where('comments.status', '!=', 'deleted')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const visible = r.article_status === 'published' && r.published_at !== null && toDate(r.published_at) <= now;
    return {
      id: r.id,
      articleId: r.article_id,
      articleTitle: visible ? r.title : undefined,
      body: r.body,
      status: r.status as OwnComment['status'],
      rejectionReason: r.status === 'rejected' ? r.moderation_reason : null,
      replyToNickname: r.reply_to_nickname,
      createdAt: toDate(r.created_at),
    };
  });
}

/**
 * A reader deletes their own comment: the same soft delete as a moderator's
 * (status 'deleted', kept for the record as 跟帖评论 rules ask), the
 * article's comment count following what readers can see, and reports on it
 * resolved. Its replies stay. Throws NotFound('comments.not_found') for a
 * comment that is not the reader's or is already deleted, so two taps at once
 * count once.
 */
export async function deleteOwnComment(db: Db, input: { commentId: number; readerId: number }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const comment = await trx
      .selectFrom('comments')
      .select(['status', 'article_id'])
      .where('id', '=', input.commentId)
      .where('reader_id', '=', input.readerId)
      .executeTakeFirst();
    if (!comment || comment.status === 'deleted') throw notFound('comments.not_found');
    // Guarded by the status read above: of two deletes at once, only one moves the count.
    const result = await trx.updateTable('comments').set({ status: 'deleted', flagged: 0 }).where('id', '=', input.commentId).where('status', '=', comment.status).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound('comments.not_found');
    if (comment.status === 'published') {
      await trx.updateTable('articles').set((eb) => ({ comment_count: eb('comment_count', '-', 1) })).where('id', '=', comment.article_id).execute();
    }
    await trx.updateTable('comment_reports').set({ resolved_at: now.toISOString() }).where('comment_id', '=', input.commentId).where('resolved_at', 'is', null).execute();
  });
}
