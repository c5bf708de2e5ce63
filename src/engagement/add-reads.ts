import type { Db } from '../db/database.js';
import { formatChinaDate } from '../lib/china-time.js';

/**
 * Adds reads to an article's total, to its Beijing day (article_daily_reads)
 * and to the site's day (site_daily_reads), which the dashboard reads. Call it
 * inside the transaction that decided the reads count, so the total and the
 * days never disagree. Reads of an article deleted since they were counted (a
 * batch from Redis can be a second late) add nothing instead of failing the
 * whole batch on the foreign key.
 */
export async function addReads(trx: Db, articleId: number, reads: number, now: Date): Promise<void> {
  const updated = await trx.updateTable('articles').set((eb) => ({ read_count: eb('read_count', '+', reads) })).where('id', '=', articleId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return;
  const day = formatChinaDate(now);
  await trx
    .insertInto('article_daily_reads')
    .values({ article_id: articleId, day, reads })
    .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({ reads: eb('article_daily_reads.reads', '+', reads) })))
    .execute();
  // The site's row for the day is one row every read updates: written last, so a single read holds
  // its lock on PostgreSQL only for the end of its transaction (a Redis batch holds it for the batch).
  await trx
    .insertInto('site_daily_reads')
    .values({ day, reads })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ reads: eb('site_daily_reads.reads', '+', reads) })))
    .execute();
}
