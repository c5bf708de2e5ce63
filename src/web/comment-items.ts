import type { CommentView } from '../comments/index.js';
import { shownDateTime } from '../lib/china-time.js';
import type { CommentItem } from './views/comments.view.js';

/** Threads for the page: top-level comments in the order asked for, each with its replies oldest first, as a conversation reads. */
export function toCommentThreads(comments: CommentView[]): CommentItem[] {
  const item = (c: CommentView): CommentItem => ({
    id: c.id,
    nickname: c.nickname,
    replyToNickname: c.parentId === null ? null : c.replyToNickname,
    body: c.body,
    ipRegion: c.ipRegion,
    likeCount: c.likeCount,
    createdAt: shownDateTime(c.createdAt),
    replies: [],
  });
  const threads = comments.filter((c) => c.parentId === null).map(item);
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const reply of [...comments].reverse()) {
    if (reply.parentId !== null) byId.get(reply.parentId)?.replies.push(item(reply));
  }
  return threads;
}
