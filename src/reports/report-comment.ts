import { isCommentVisible } from '../comments/index.js';
import type { Db } from '../db/database.js';
import { countedAddress } from '../lib/counted-address.js';
import { conflict, notFound } from '../lib/errors.js';
import { cleanNote, type ReportInput } from './report.js';
import { checkReportRate } from './report-limits.js';

/**
 * A reader reports (举报) a comment once; the report joins the moderation
 * queue's 被举报 tab. Throws NotFound('comments.not_found') for a comment
 * readers cannot see, Conflict('comments.already_reported') the second time,
 * RateLimited('reports.too_many') past REPORT_LIMITS, Invalid('reports.note_too_long').
 */
export async function reportComment(db: Db, input: ReportInput & { commentId: number }, now: Date): Promise<void> {
  const note = cleanNote(input.note);
  const address = countedAddress(input.ip);
  await db.transaction().execute(async (trx) => {
    // Only what readers can see can be reported.
    if (!(await isCommentVisible(trx, input.commentId, now))) throw notFound('comments.not_found');
    await checkReportRate(trx, input.readerId, address, now);
    const added = await trx
      .insertInto('comment_reports')
      .values({ comment_id: input.commentId, reader_id: input.readerId, reason: input.reason, note, ip: address, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('comments.already_reported');
    await trx.updateTable('comments').set((eb) => ({ report_count: eb('report_count', '+', 1) })).where('id', '=', input.commentId).execute();
  });
}
