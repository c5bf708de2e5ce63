import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { lockKeys } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { rateLimited } from '../lib/errors.js';
import { REPORT_LIMITS } from './report.js';

async function countReports(db: Db, column: 'reader_id' | 'ip', value: number | string, since: string): Promise<number> {
  const comments = await countRows(db.selectFrom('comment_reports').where(column, '=', value).where('created_at', '>=', since));
  return comments + (await countRows(db.selectFrom('article_reports').where(column, '=', value).where('created_at', '>=', since)));
}

/**
 * Throws RateLimited('reports.too_many') when the reader or the address (the
 * counted address the report is stored with: an IPv6 client's /64) has made
 * as many reports this hour as REPORT_LIMITS allows. Call it inside the
 * transaction that adds the report: it locks the reader and the address first,
 * so racing reports are counted one at a time and exactly the limit gets through.
 */
export async function checkReportRate(trx: Transaction<Database>, readerId: number, address: string, now: Date): Promise<void> {
  await lockKeys(trx, [`reports:reader:${readerId}`, `reports:ip:${address}`]);
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  if (
    (await countReports(trx, 'reader_id', readerId, hourAgo)) >= REPORT_LIMITS.perReaderPerHour ||
    (await countReports(trx, 'ip', address, hourAgo)) >= REPORT_LIMITS.perAddressPerHour
  ) {
    throw rateLimited('reports.too_many', { retryAfterSeconds: 3600 });
  }
}
