import type { Db } from '../db/database.js';
import { lastChinaDays } from '../lib/china-time.js';
import type { ArticleCard } from './article.js';
import { CARD_COLUMNS, toArticleCard } from './article-repo.js';
import { rankByReads } from './read-ranking.js';

/** The reads a 排行 counts: today and yesterday in Beijing (every read of the last 24 hours), or the last 7 Beijing days. */
export type MostReadWindow = 'day' | 'week';

/** The Beijing days a window counts: reads are kept per day, so "24 hours" reaches back to the start of yesterday. */
const WINDOW_DAYS: Record<MostReadWindow, number> = { day: 2, week: 7 };

/**
 * 排行: the articles readers may see, by the reads counted for them in the
 * window (article_daily_reads, the same honest counts as read_count), the
 * most read first, ties newest first; of the given categories when named.
 * Summed among each day's most read articles when that is provably the same
 * ranking (see rankByReads), otherwise over every article read in the window.
 */
export function listMostReadArticles(db: Db, query: MostReadQuery): Promise<RankedCard[]> {
  const days = lastChinaDays(query.now, WINDOW_DAYS[query.window]);
  return rankByReads(db, days, query.limit, (among) => sumVisibleReads(db, query, days[0]!, among));
}

interface MostReadQuery {
  now: Date;
  window: MostReadWindow;
  limit: number;
  categoryIds?: readonly number[];
}

type RankedCard = ArticleCard & { reads: number };

/** The query's ranking since `firstDay`: of every article read then, or only of those named. */
function sumVisibleReads(db: Db, query: MostReadQuery, firstDay: string, among?: number[]): Promise<RankedCard[]> {
  return among ? sumReadsOf(db, query, firstDay, among) : sumEveryRead(db, query, firstDay);
}

/** Every article read since `firstDay`, summed over the (day, article_id, reads) index: the cost grows with the articles read in the window. */
async function sumEveryRead(db: Db, query: MostReadQuery, firstDay: string): Promise<RankedCard[]> {
  const rows = await db
    .selectFrom((eb) => {
      let top = eb
        .selectFrom('article_daily_reads as r')
        .innerJoin('articles as a', 'a.id', 'r.article_id')
        .where('r.day', '>=', firstDay)
        // Only what readers may see: a withdrawn or scheduled article never ranks, however much it was read.
        .where('a.status', '=', 'published')
        .where('a.published_at', '<=', query.now.toISOString());
      if (query.categoryIds) top = top.where('a.category_id', 'in', query.categoryIds.length ? [...query.categoryIds] : [-1]);
      return top
        .select(['r.article_id', (s) => s.fn.sum<number | string>('r.reads').as('reads')])
        .groupBy('r.article_id')
        .orderBy('reads', 'desc')
        .orderBy('r.article_id', 'desc')
        .limit(query.limit)
        .as('top');
    })
    .innerJoin('articles', 'articles.id', 'top.article_id')
    .select([...CARD_COLUMNS.map((c) => `articles.${c}` as const), 'top.reads'])
    .orderBy('top.reads', 'desc')
    .orderBy('top.article_id', 'desc')
    .execute();
  return rows.map((row) => ({ ...toArticleCard(row), reads: Number(row.reads) }));
}

/**
 * The named articles, each summed through the (article_id, day) key: the cost
 * grows with the articles named, never with the reads of the window. Filtered
 * by the window's days instead, PostgreSQL read every row of the window (it
 * holds 35,000 for a week of 5,000 articles read a day).
 */
async function sumReadsOf(db: Db, query: MostReadQuery, firstDay: string, among: number[]): Promise<RankedCard[]> {
  let ranked = db
    .selectFrom('articles')
    .select((eb) => [
      ...CARD_COLUMNS,
      eb.fn
        .coalesce(
          eb.selectFrom('article_daily_reads as r').select((s) => s.fn.sum<number | string>('r.reads').as('sum')).whereRef('r.article_id', '=', 'articles.id').where('r.day', '>=', firstDay),
          eb.lit(0),
        )
        .as('reads'),
    ])
    .where('id', 'in', among)
    .where('status', '=', 'published')
    .where('published_at', '<=', query.now.toISOString());
  if (query.categoryIds) ranked = ranked.where('category_id', 'in', query.categoryIds.length ? [...query.categoryIds] : [-1]);
  const rows = await ranked.orderBy('reads', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({ ...toArticleCard(row), reads: Number(row.reads) }));
}
