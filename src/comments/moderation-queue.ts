import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import type { Database } from '../db/schema.js';
import type { CommentView } from './comment.js';
import { commentsWithNames, toCommentView } from './comment-repo.js';

export type QueueName = 'pending' | 'reported' | 'flagged' | 'published' | 'rejected';

/** The comments of one queue: waiting, reported (unresolved reports), flagged, published or rejected. */
function inQueue(eb: ExpressionBuilder<Database, 'comments'>, queue: QueueName): Expression<SqlBool> {
  if (queue === 'reported') {
    return eb.exists(
      eb.selectFrom('comment_reports').select('comment_reports.id').whereRef('comment_reports.comment_id', '=', 'comments.id').where('comment_reports.resolved_at', 'is', null),
    );
  }
  if (queue === 'flagged') return eb('comments.flagged', '=', 1);
  return eb('comments.status', '=', queue);
}

/** The moderation queue: waiting, reported (unresolved reports) or flagged comments, oldest first so none waits forever. */
export async function listModerationQueue(db: Db, queue: QueueName, limit: number, offset: number): Promise<CommentView[]> {
  const rows = await commentsWithNames(db)
    .where((eb) => inQueue(eb, queue))
    .orderBy('comments.id', queue === 'published' || queue === 'rejected' ? 'desc' : 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toCommentView);
}

/** How many comments a queue holds; for 'pending' an index-only count (comments_status), cheap enough for every admin page. */
export async function countModerationQueue(db: Db, queue: QueueName): Promise<number> {
  return countRows(db.selectFrom('comments').where((eb) => inQueue(eb, queue)));
}
