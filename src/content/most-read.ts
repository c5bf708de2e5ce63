import type { Db } from '../db/database.js';
import { formatChinaDate } from '../lib/china-time.js';
import type { ArticleCard } from './article.js';
import { CARD_COLUMNS, toArticleCard } from './article-repo.js';

/** The reads a 排行 counts: today and yesterday in Beijing (every read of the last 24 hours), or the last 7 Beijing days. */
export type MostReadWindow = 'day' | 'week';

const DAY_MS = 86_400_000;

/** The first Beijing day a window counts: reads are kept per day, so "24 hours" reaches back to the start of yesterday. */
function firstDayOf(window: MostReadWindow, now: Date): string {
  return formatChinaDate(new Date(now.getTime() - (window === 'day' ? 1 : 6) * DAY_MS));
}

/**
 * 排行: the articles readers may see, by the reads counted for them in the
 * window (article_daily_reads, the same honest counts as read_count), the
 * most read first; of the given categories when named. One statement over
 * the (day, article_id, reads) index: its cost grows with the articles read
 * in the window, never with the site's archive.
 */
export async function listMostReadArticles(
  db: Db,
  query: { now: Date; window: MostReadWindow; limit: number; categoryIds?: readonly number[] },
): Promise<Array<ArticleCard & { reads: number }>> {
  const rows = await db
    .selectFrom((eb) => {
      let top = eb
        .selectFrom('article_daily_reads as r')
        .innerJoin('articles as a', 'a.id', 'r.article_id')
        .where('r.day', '>=', firstDayOf(query.window, query.now))
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
