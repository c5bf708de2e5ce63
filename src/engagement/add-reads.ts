import type { Db } from '../db/database.js';
import { formatChinaDate } from '../lib/china-time.js';

/**
 * Adds reads to articles' totals, to their Beijing days (article_daily_reads)
 * and to the site's day (site_daily_reads), which the dashboard reads. Call it
 * inside the transaction that decided the reads count, so the totals and the
 * days never disagree. Reads of an article deleted since they were counted (a
 * batch from Redis can be a second late) add nothing instead of failing the
 * whole batch on the foreign key.
 *
 * Rows are written in one order, articles by ascending id and the site's day
 * last and once: on PostgreSQL two transactions that lock rows in the same
 * order wait for each other instead of deadlocking (a batch that wrote the
 * site's day between two articles deadlocked with a single read, and with
 * another instance's batch).
 */
export async function addReads(trx: Db, readsByArticle: ReadonlyArray<readonly [articleId: number, reads: number]>, now: Date): Promise<void> {
  const day = formatChinaDate(now);
  let added = 0;
  for (const [articleId, reads] of [...readsByArticle].sort(([a], [b]) => a - b)) {
    const updated = await trx.updateTable('articles').set((eb) => ({ read_count: eb('read_count', '+', reads) })).where('id', '=', articleId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) continue;
    await trx
      .insertInto('article_daily_reads')
      .values({ article_id: articleId, day, reads })
      .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({ reads: eb('article_daily_reads.reads', '+', reads) })))
      .execute();
    added += reads;
  }
  if (added === 0) return;
  await trx
    .insertInto('site_daily_reads')
    .values({ day, reads: added })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ reads: eb('site_daily_reads.reads', '+', added) })))
    .execute();
}
