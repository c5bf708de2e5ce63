import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { toDate } from '../lib/db-values.js';

/** Someone replied to the reader, or liked one of their comments. */
export interface ReaderNotification {
  kind: 'reply' | 'like';
  /** The reply, or the comment that was liked. */
  commentId: number;
  articleId: number;
  /** Who replied or liked. */
  nickname: string;
  /** The reply's text, or the liked comment's. */
  body: string;
  at: Date;
  unread: boolean;
}

/**
 * Replies to the reader that readers can see: published, by someone else, on
 * an article readers can see. A reply approved after its article was withdrawn
 * (下架) was never public, and one from before is no longer: neither is news.
 */
function repliesTo(db: Db, readerId: number, now: Date) {
  return db
    .selectFrom('comments')
    .innerJoin('readers', 'readers.id', 'comments.reader_id')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .where('comments.reply_to_reader_id', '=', readerId)
    .where('comments.reader_id', '!=', readerId)
    .where('comments.status', '=', 'published')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString());
}

/** Likes by others of the reader's comments that are not deleted, on articles readers can see. */
function likesOf(db: Db, readerId: number, now: Date) {
  return db
    .selectFrom('comment_likes')
    .innerJoin('comments', 'comments.id', 'comment_likes.comment_id')
    .innerJoin('readers', 'readers.id', 'comment_likes.reader_id')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .where('comments.reader_id', '=', readerId)
    .where('comment_likes.reader_id', '!=', readerId)
    .where('comments.status', '!=', 'deleted')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString());
}

/** The newest replies and likes, newest first; those after `seenAt` are unread. */
export async function listReaderNotifications(
  db: Db,
  readerId: number,
  seenAt: Date | null,
  limit: number,
  now: Date,
): Promise<ReaderNotification[]> {
  const replies = await repliesTo(db, readerId, now)
    .select(['comments.id', 'comments.article_id', 'readers.nickname', 'comments.body', 'comments.created_at'])
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
  const likes = await likesOf(db, readerId, now)
    .select(['comments.id', 'comments.article_id', 'readers.nickname', 'comments.body', 'comment_likes.created_at'])
    .orderBy('comment_likes.created_at', 'desc')
    .limit(limit)
    .execute();
  const items = [...replies.map((r) => ({ kind: 'reply' as const, ...r })), ...likes.map((l) => ({ kind: 'like' as const, ...l }))].map((r) => {
    const at = toDate(r.created_at);
    return { kind: r.kind, commentId: r.id, articleId: r.article_id, nickname: r.nickname, body: r.body, at, unread: seenAt === null || at > seenAt };
  });
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/** How many replies and likes came after `seenAt` (all of them when the reader never looked). */
export async function countUnreadNotifications(db: Db, readerId: number, seenAt: Date | null, now: Date): Promise<number> {
  // ISO strings in UTC compare in time order; comment_likes.created_at is text on both databases.
  const since = (seenAt ?? new Date(0)).toISOString();
  const replies = await countRows(repliesTo(db, readerId, now).where('comments.created_at', '>', since));
  return replies + (await countRows(likesOf(db, readerId, now).where('comment_likes.created_at', '>', since)));
}
