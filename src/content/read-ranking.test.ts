// 排行 taken from each day's most read articles must be the ranking that summing every article
// read in the window gives: the same articles, reads and order, ties included, on both databases.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Db } from '../db/database.js';
import { describeEachDatabase } from '../db/testing.js';
import { DAY_MS, formatChinaDate, lastChinaDays } from '../lib/china-time.js';
import { buildArticle, buildCategory } from '../test-support/factories.js';
import { listMostReadArticles, type MostReadWindow } from './most-read.js';
import { rankByReads } from './read-ranking.js';

// Wednesday 2031-05-21, 10:00 in Beijing.
const NOW = new Date('2031-05-21T02:00:00Z');

/** A small deterministic random source (mulberry32), so a failing case can be run again. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Ranked {
  articleId: number;
  reads: number;
}

describeEachDatabase('rankByReads', (context) => {
  const db = (): Db => context.db;
  const articleIds: number[] = [];

  before(async () => {
    const category = await buildCategory(db());
    for (let i = 0; i < 12; i += 1) articleIds.push((await buildArticle(db(), { categoryId: category.id }, NOW)).id);
  });

  it('gives what summing every article gives, ties and their order included, taking each day’s leaders when that is provably the same', async () => {
    const paths = { leaders: 0, everything: 0 };
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = randomSource(seed);
      // Days of their own for each case, so the cases never share a row.
      const days = [1, 2, 3].map((d) => `2030-${String(Math.ceil(seed / 9)).padStart(2, '0')}-${String(((seed - 1) % 9) * 3 + d).padStart(2, '0')}`);
      const rows = days.flatMap((day) => articleIds.filter(() => random() < 0.8).map((id) => ({ article_id: id, day, reads: 1 + Math.floor(random() ** 3 * 12) })));
      await db().insertInto('article_daily_reads').values(rows).execute();
      const limit = 1 + Math.floor(random() * 4);
      const sumReads = summing(db(), days, limit, 'desc', (among) => (paths[among ? 'leaders' : 'everything'] += 1));
      const everything = await sumReads();
      assert.deepEqual(await rankByReads(db(), days, limit, sumReads, 2), everything, `case ${seed}: ${JSON.stringify(rows)}`);
    }
    // Each case summed everything once for its expectation; rankByReads did so again only where the bound was not beaten.
    const fellBack = paths.everything - 40;
    assert.ok(fellBack > 0 && fellBack < 40, `both ways are tested: ${fellBack} of 40 cases summed everything`);
  });

  it('sums everything when the last ranked only ties the bound: an article outside the leaders may come first on the tie-break', async () => {
    // Two articles read alike on both days: one day's leader may be either, and the other is then an outsider that ties it.
    const [first, second] = articleIds as [number, number];
    const days = ['2031-01-01', '2031-01-02'];
    await db()
      .insertInto('article_daily_reads')
      .values(days.flatMap((day) => [first, second].map((id) => ({ article_id: id, day, reads: 5 }))))
      .execute();
    // Whichever of the two the leaders' query takes, one of the tie-breaks puts the other first.
    for (const order of ['asc', 'desc'] as const) {
      assert.deepEqual(await rankByReads(db(), days, 1, summing(db(), days, 1, order), 1), [{ articleId: order === 'asc' ? first : second, reads: 10 }], `ties by id ${order}`);
    }
  });
});

/** Sums `days` of reads exactly and ranks the best `limit`, ties by id in `order`, among the articles named when they are: what rankByReads is given. */
function summing(db: Db, days: string[], limit: number, order: 'asc' | 'desc', called?: (among?: number[]) => void): (among?: number[]) => Promise<Ranked[]> {
  return async (among) => {
    called?.(among);
    const found = await db
      .selectFrom('article_daily_reads')
      .select(['article_id', (eb) => eb.fn.sum<number | string>('reads').as('reads')])
      .where('day', 'in', days)
      .$if(among !== undefined, (q) => q.where('article_id', 'in', among!))
      .groupBy('article_id')
      .orderBy('reads', 'desc')
      .orderBy('article_id', order)
      .limit(limit)
      .execute();
    return found.map((r) => ({ articleId: r.article_id, reads: Number(r.reads) }));
  };
}

describeEachDatabase('listMostReadArticles', (context) => {
  const db = (): Db => context.db;
  /** Every article with its category, whether readers may see it, and its reads by day. */
  const articles: Array<{ id: number; categoryId: number; visible: boolean; reads: Map<string, number> }> = [];
  let categories: number[] = [];

  before(async () => {
    categories = [(await buildCategory(db())).id, (await buildCategory(db())).id, (await buildCategory(db())).id];
    const random = randomSource(7);
    // More articles read each day than rankByReads takes from a day, so its bound is what decides.
    for (let i = 0; i < 130; i += 1) {
      // The last two, read the least, are a small section of their own: none is among any day's leaders, so its 排行 sums everything.
      const small = i >= 128;
      const categoryId = categories[small ? 2 : i % 3 === 0 ? 1 : 0]!;
      // One scheduled for tomorrow, one withdrawn: read the most of all, and never ranked.
      const scheduled = i === 5;
      const article = await buildArticle(db(), { categoryId, publishedAt: new Date(NOW.getTime() + (scheduled ? DAY_MS : -(i + 1) * 60_000)) }, NOW);
      if (i === 9) await db().updateTable('articles').set({ status: 'withdrawn' }).where('id', '=', article.id).execute();
      const hidden = scheduled || i === 9;
      const reads = new Map<string, number>();
      // Two read exactly alike at the top, so the order of a tie shows.
      const tied = i === 2 || i === 4;
      for (const day of lastChinaDays(NOW, 8)) {
        reads.set(day, hidden ? 5_000 : tied ? 3_000 : small ? 130 - i : Math.floor(2_000 / (1 + ((i * 7 + day.charCodeAt(9)) % 130))) + Math.floor(random() * 3));
      }
      articles.push({ id: article.id, categoryId, visible: !hidden, reads });
    }
    // Tomorrow's reads, as an instance with a fast clock writes them before midnight: no window counts them,
    // or the least read article would lead the site's 排行 and its section's.
    const tomorrow = formatChinaDate(new Date(NOW.getTime() + DAY_MS));
    articles.at(-1)!.reads.set(tomorrow, 100_000);
    const rows = articles.flatMap((a) => [...a.reads].map(([day, reads]) => ({ article_id: a.id, day, reads })));
    for (let i = 0; i < rows.length; i += 200) await db().insertInto('article_daily_reads').values(rows.slice(i, i + 200)).execute();
  });

  const expected = (window: MostReadWindow, limit: number, categoryIds?: number[]): Ranked[] => {
    const days = lastChinaDays(NOW, window === 'day' ? 2 : 7);
    return articles
      .filter((a) => a.visible && (!categoryIds || categoryIds.includes(a.categoryId)))
      .map((a) => ({ articleId: a.id, reads: days.reduce((sum, day) => sum + (a.reads.get(day) ?? 0), 0) }))
      .sort((a, b) => b.reads - a.reads || b.articleId - a.articleId)
      .slice(0, limit);
  };

  for (const window of ['day', 'week'] as const) {
    it(`ranks the ${window}'s reads of what readers may see, site-wide and of a category, as summing every read would`, async () => {
      for (const [limit, categoryIds] of [[10, undefined], [5, undefined], [10, [categories[1]!]], [8, categories], [10, [categories[2]!]]] as const) {
        const ranked = await listMostReadArticles(db(), { now: NOW, window, limit, ...(categoryIds ? { categoryIds } : {}) });
        assert.deepEqual(
          ranked.map((a) => ({ articleId: a.id, reads: a.reads })),
          expected(window, limit, categoryIds && [...categoryIds]),
          `${limit} of ${categoryIds ? `categories ${categoryIds.join(', ')}` : 'the site'}`,
        );
      }
    });
  }
});
