import type { Db } from '../db/database.js';

/** An article's reads summed over its days in article_daily_reads: tests hold it equal to read_count. */
export async function sumDailyReads(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom('article_daily_reads')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('reads'), eb.lit(0)).as('reads'))
    .where('article_id', '=', articleId)
    .executeTakeFirstOrThrow();
  return Number(row.reads);
}
