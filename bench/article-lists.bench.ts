/**
 * The article lists readers' pages are made of, on a site with many articles:
 * a category's page (置顶 first, then newest), a section with its
 * subcategories, the home page's 要闻 and 推荐阅读, a tag's page (one of them,
 * 本地, on every article, another on the oldest 3,000 only), on their first
 * page and on a deep one as crawlers ask, and the sidebar's 排行 after a week
 * of reads. SQLite and (with BENCH_DATABASE_URL) PostgreSQL. Each list is one
 * listPublishedArticles or listMostReadArticles call, as the page makes it.
 *
 *   node --import tsx bench/article-lists.bench.ts     (BENCH_ARTICLES, BENCH_READ_PER_DAY, BENCH_DATABASE_URL)
 *
 * The site is bench/large-site.ts's (60,000 articles by default). Figures are
 * the median and the slowest of 50 calls, in ms.
 */
import { sql } from 'kysely';
import { countPublishedArticles, listMostReadArticles, listPublishedArticles, type PublishedArticleQuery } from '../src/content/index.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { MAX_TAG_ARTICLES } from '../src/web/tag.routes.js';
import { lastChinaDays } from '../src/lib/china-time.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { type LargeSite, onEachLargeSite, tagArticles, timed } from './large-site.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
const CALLS = 50;
const PAGE = 20;
/** Articles read on each day of the week before the 排行 is measured. */
const READ_PER_DAY = positiveInt('BENCH_READ_PER_DAY', 5_000);

/** The large site's tags and two more: 本地 on every article, and an event's on the 3,000 oldest. */
type Tags = LargeSite['tagIds'] & { everywhere: number; event: number };

function lists({ categoryIds }: LargeSite, tagIds: Tags): Array<{ label: string; query: Omit<PublishedArticleQuery, 'now'> }> {
  const deep = (PAGE * 99) as number;
  return [
    { label: '要闻 page 1', query: { categoryIds: [categoryIds.news], pinnedFirst: true, limit: PAGE } },
    { label: '要闻 page 100', query: { categoryIds: [categoryIds.news], pinnedFirst: true, limit: PAGE, offset: deep } },
    { label: '城区 with 2 subcategories, page 1', query: { categoryIds: [categoryIds.city, categoryIds['city-east'], categoryIds['city-west']], pinnedFirst: true, limit: PAGE } },
    { label: '城区 with 2 subcategories, page 100', query: { categoryIds: [categoryIds.city, categoryIds['city-east'], categoryIds['city-west']], pinnedFirst: true, limit: PAGE, offset: deep } },
    { label: '乡镇 (small), page 1', query: { categoryIds: [categoryIds.towns, categoryIds.shimen], pinnedFirst: true, limit: PAGE } },
    { label: 'home 要闻: 置顶 first, all categories', query: { pinnedFirst: true, limit: 10 } },
    { label: '推荐阅读', query: { onlyRecommended: true, limit: 5 } },
    { label: 'broad tag (1 in 60), page 1', query: { tagId: tagIds.broad, limit: PAGE } },
    { label: 'broad tag (1 in 60), page 50', query: { tagId: tagIds.broad, limit: PAGE, offset: PAGE * 49 } },
    { label: 'narrow tag (1 in 2,000), page 1', query: { tagId: tagIds.narrow, limit: PAGE } },
    { label: '本地 (on every article), page 1', query: { tagId: tagIds.everywhere, limit: PAGE } },
    { label: '本地 (on every article), page 100', query: { tagId: tagIds.everywhere, limit: PAGE, offset: deep } },
    { label: 'an event (on the 3,000 oldest), page 1', query: { tagId: tagIds.event, limit: PAGE } },
  ];
}

/** The counts a page's pager is made from: a category's, a section's and a tag's. */
function counts({ categoryIds }: LargeSite, tagIds: Tags): Array<{ label: string; filter: Parameters<typeof countPublishedArticles>[2]; atMost?: number }> {
  return [
    { label: 'count: 要闻', filter: { categoryIds: [categoryIds.news] } },
    { label: 'count: 城区 with 2 subcategories', filter: { categoryIds: [categoryIds.city, categoryIds['city-east'], categoryIds['city-west']] } },
    { label: 'count: broad tag', filter: { tagId: tagIds.broad }, atMost: MAX_TAG_ARTICLES },
    { label: 'count: narrow tag', filter: { tagId: tagIds.narrow }, atMost: MAX_TAG_ARTICLES },
    { label: 'count: 本地 (on every article)', filter: { tagId: tagIds.everywhere }, atMost: MAX_TAG_ARTICLES },
    { label: 'count: an event (on the 3,000 oldest)', filter: { tagId: tagIds.event }, atMost: MAX_TAG_ARTICLES },
  ];
}

/** 排行 of the whole site and of sections, by the day's and the week's reads. */
function rankings({ categoryIds }: LargeSite): Array<{ label: string; query: Omit<Parameters<typeof listMostReadArticles>[1], 'now'> }> {
  const city = [categoryIds.city, categoryIds['city-east'], categoryIds['city-west']];
  return [
    { label: '排行 24 hours, site', query: { window: 'day', limit: 10 } },
    { label: '排行 7 days, site', query: { window: 'week', limit: 10 } },
    { label: '排行 7 days, 要闻', query: { window: 'week', limit: 10, categoryIds: [categoryIds.news] } },
    { label: '排行 7 days, 城区 with 2 subcategories', query: { window: 'week', limit: 10, categoryIds: city } },
    { label: '排行 7 days, 乡镇 (small)', query: { window: 'week', limit: 10, categoryIds: [categoryIds.towns, categoryIds.shimen] } },
  ];
}

/**
 * A week of reads: each day READ_PER_DAY articles read, the day's newest the most (the i-th of the
 * day's list 20,000 / i reads), each day's list starting 48 articles (a day's publishing) further on.
 * PostgreSQL's statistics are taken again, as large-site.ts takes them for the articles.
 */
async function fillReads({ db, kind }: DatabaseHandle, now: Date): Promise<void> {
  const ids = (await db.selectFrom('articles').select('id').orderBy('published_at', 'desc').execute()).map((r) => r.id);
  for (const [age, day] of lastChinaDays(now, 7).reverse().entries()) {
    const read = ids.slice(age * 48, age * 48 + READ_PER_DAY);
    for (let i = 0; i < read.length; i += 1_000) {
      await db
        .insertInto('article_daily_reads')
        .values(read.slice(i, i + 1_000).map((id, j) => ({ article_id: id, day, reads: Math.ceil(20_000 / (i + j + 1)) })))
        .execute();
    }
  }
  if (kind === 'postgres') await sql`vacuum analyze article_daily_reads`.execute(db);
}

await runBenchmark(async () => {
  console.log(`node ${process.version}, ${ARTICLES} articles, ${READ_PER_DAY} of them read a day, ${CALLS} calls of each list`);
  await onEachLargeSite(ARTICLES, async (handle, site) => {
    const { db } = handle;
    const lines: string[][] = [];
    const tagIds = { ...site.tagIds, everywhere: await tagArticles(handle, '本地'), event: await tagArticles(handle, '一场活动', 3_000) };
    for (const { label, query } of lists(site, tagIds)) {
      const now = new Date();
      const { median, max } = await timed(() => listPublishedArticles(db, { now, ...query }), CALLS);
      lines.push([label, median.toFixed(2), max.toFixed(2)]);
    }
    for (const { label, filter, atMost } of counts(site, tagIds)) {
      const { median, max } = await timed(() => countPublishedArticles(db, new Date(), filter, atMost), CALLS);
      lines.push([label, median.toFixed(2), max.toFixed(2)]);
    }
    await fillReads(handle, new Date());
    for (const { label, query } of rankings(site)) {
      const { median, max } = await timed(() => listMostReadArticles(db, { now: new Date(), ...query }), CALLS);
      lines.push([label, median.toFixed(2), max.toFixed(2)]);
    }
    printTable(['list', 'p50 ms', 'max ms'], lines);
  });
  return 0;
});
