import type { Db } from '../db/database.js';
import type { CommentView } from './comment.js';
import { commentsWithNames, toCommentView } from './comment-repo.js';

export type QueueName = 'pending' | 'reported' | 'flagged' | 'published' | 'rejected';

/** The moderation queue: waiting, reported (unresolved reports) or flagged comments, oldest first so none waits forever. */
export async function listModerationQueue(db: Db, queue: QueueName, limit: number, offset: number): Promise<CommentView[]> {
  let q = commentsWithNames(db);
  if (queue === 'reported') {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('comment_reports').select('comment_reports.id').whereRef('comment_reports.comment_id', '=', 'comments.id').where('comment_reports.resolved_at', 'is', null)),
    );
  } else if (queue === 'flagged') {
    q = q.where('comments.flagged', '=', 1);
  } else {
    q = q.where('comments.status', '=', queue);
  }
  const rows = await q.orderBy('comments.id', queue === 'published' || queue === 'rejected' ? 'desc' : 'asc').limit(limit).offset(offset).execute();
  return rows.map(toCommentView);
}
