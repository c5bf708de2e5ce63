import type { CommentView } from '../comments/index.js';
import { shownReaderTime } from '../lib/china-time.js';
import type { CommentItem } from './views/comments.view.js';

/**
 * Threads for the page: top-level comments in the order asked for, each with
 * its replies oldest first, as a conversation reads. A reply whose thread's
 * first comment was deleted, or is not on the page, is shown on its own
 * (still addressed 回复 @…): the comment count counts it, so the page shows it.
 */
export function toCommentThreads(comments: CommentView[]): CommentItem[] {
  const item = (c: CommentView): CommentItem => ({
    id: c.id,
    nickname: c.nickname,
    replyToNickname: c.parentId === null ? null : c.replyToNickname,
    body: c.body,
    ipRegion: c.ipRegion,
    likeCount: c.likeCount,
    createdAt: shownReaderTime(c.createdAt),
    replies: [],
  });
  const present = new Set(comments.filter((c) => c.parentId === null).map((c) => c.id));
  const threads = comments.filter((c) => c.parentId === null || !present.has(c.parentId)).map(item);
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const reply of [...comments].reverse()) {
    if (reply.parentId !== null && present.has(reply.parentId)) byId.get(reply.parentId)!.replies.push(item(reply));
  }
  return threads;
}
