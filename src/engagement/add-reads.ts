import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { formatChinaDate } from '../lib/china-time.js';

/**
 * Adds reads to an article's total and to its Beijing day (article_daily_reads,
 * which the dashboard sums). Call it inside the transaction that decided the
 * reads count, so the total and the days never disagree.
 */
export async function addReads(trx: Db, articleId: number, reads: number, now: Date): Promise<void> {
  await trx.updateTable('articles').set((eb) => ({ read_count: eb('read_count', '+', reads) })).where('id', '=', articleId).execute();
  // Selected from articles, so reads of an article deleted since they were counted (a batch from
  // Redis can be a second late) add nothing instead of failing the whole batch on the foreign key.
  await trx
    .insertInto('article_daily_reads')
    .columns(['article_id', 'day', 'reads'])
    .expression((eb) =>
      eb
        .selectFrom('articles')
        // Cast, since PostgreSQL would otherwise take the parameters for text.
        .select(['articles.id as article_id', sql<string>`cast(${formatChinaDate(now)} as text)`.as('day'), sql<number>`cast(${reads} as integer)`.as('reads')])
        .where('articles.id', '=', articleId),
    )
    .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({ reads: eb('article_daily_reads.reads', '+', reads) })))
    .execute();
}
