import { requireVisibleArticle } from '../content/index.js';
import type { Db } from '../db/database.js';
import { countedAddress } from '../lib/counted-address.js';
import { conflict } from '../lib/errors.js';
import { cleanNote, type ReportInput } from './report.js';
import { checkReportRate } from './report-limits.js';

/**
 * A reader reports (举报) an article once, as 网络信息内容生态治理规定 asks
 * every page to allow; the report waits in /admin's 文章举报 queue until
 * staff mark it handled. Throws NotFound('content.article_not_found') for an
 * article readers cannot see, Conflict('reports.article_already_reported')
 * the second time, RateLimited('reports.too_many') past REPORT_LIMITS,
 * Invalid('reports.note_too_long').
 */
export async function reportArticle(db: Db, input: ReportInput & { articleId: number }, now: Date): Promise<void> {
  const note = cleanNote(input.note);
  const address = countedAddress(input.ip);
  await db.transaction().execute(async (trx) => {
    await requireVisibleArticle(trx, input.articleId, now);
    await checkReportRate(trx, input.readerId, address, now);
    const added = await trx
      .insertInto('article_reports')
      .values({ article_id: input.articleId, reader_id: input.readerId, reason: input.reason, note, ip: address, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['article_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('reports.article_already_reported');
  });
}
