import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
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
 * most read first, ties by id, the highest first; of the given categories when named.
 * Summed among each day's most read articles when that is provably the same
 * ranking (see rankByReads), otherwise over every article read in the window.
 */
export function listMostReadArticles(db: Db, query: MostReadQuery): Promise<RankedCard[]> {
  const days = lastChinaDays(query.now, WINDOW_DAYS[query.window]);
  return rankByReads(db, days, query.limit, (among) => (among ? sumReadsOf(db, query, days, among) : sumEveryRead(db, query, days)));
}

interface MostReadQuery {
  now: Date;
  window: MostReadWindow;
  limit: number;
  categoryIds?: readonly number[];
}

type RankedCard = ArticleCard & { reads: number };

type ArticlesAsA = Database & { a: Database['articles'] };

/**
 * Of the articles `a`, only what readers may see (a withdrawn or scheduled
 * article never ranks, however much it was read), of the query's categories
 * when named.
 */
function visibleTo(query: MostReadQuery) {
  return (eb: ExpressionBuilder<ArticlesAsA, 'a'>) =>
    eb.and([
      eb('a.status', '=', 'published'),
      eb('a.published_at', '<=', query.now.toISOString()),
      ...(query.categoryIds ? [eb('a.category_id', 'in', query.categoryIds.length ? [...query.categoryIds] : [-1])] : []),
    ]);
}

/** Every article read on `days`, summed over the (day, article_id, reads) index: the cost grows with the articles read on them. */
async function sumEveryRead(db: Db, query: MostReadQuery, days: readonly string[]): Promise<RankedCard[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('article_daily_reads as r')
        .innerJoin('articles as a', 'a.id', 'r.article_id')
        .where('r.day', '>=', days[0]!)
        .where('r.day', '<=', days.at(-1)!)
        .where(visibleTo(query))
        .select(['r.article_id', (s) => s.fn.sum<number | string>('r.reads').as('reads')])
        .groupBy('r.article_id')
        .orderBy('reads', 'desc')
        .orderBy('r.article_id', 'desc')
        .limit(query.limit)
        .as('top'),
    )
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
async function sumReadsOf(db: Db, query: MostReadQuery, days: readonly string[], among: number[]): Promise<RankedCard[]> {
  const rows = await db
    .selectFrom('articles as a')
    .select((eb) => [
      ...CARD_COLUMNS.map((c) => `a.${c}` as const),
      eb.fn
        .coalesce(
          eb
            .selectFrom('article_daily_reads as r')
            .select((s) => s.fn.sum<number | string>('r.reads').as('sum'))
            .whereRef('r.article_id', '=', 'a.id')
            .where('r.day', '>=', days[0]!)
            .where('r.day', '<=', days.at(-1)!),
          eb.lit(0),
        )
        .as('reads'),
    ])
    .where('a.id', 'in', among)
    .where(visibleTo(query))
    .orderBy('reads', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({ ...toArticleCard(row), reads: Number(row.reads) }));
}
