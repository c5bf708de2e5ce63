/**
 * The article lists readers' pages are made of, on a site with many articles:
 * a category's page (置顶 first, then newest), a section with its
 * subcategories, the home page's 要闻 and 推荐阅读, a tag's page, on their first
 * page and on a deep one as crawlers ask. SQLite and (with BENCH_DATABASE_URL)
 * PostgreSQL. Each list is one listPublishedArticles call, as the page makes it.
 *
 *   node --import tsx bench/article-lists.bench.ts     (BENCH_ARTICLES, BENCH_DATABASE_URL)
 *
 * The site is bench/large-site.ts's (60,000 articles by default). Figures are
 * the median and the slowest of 50 calls, in ms.
 */
import { countPublishedArticles, listPublishedArticles, type PublishedArticleQuery } from '../src/content/index.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { type LargeSite, timed, onEachLargeSite } from './large-site.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
const CALLS = 50;
const PAGE = 20;

function lists({ categoryIds, tagIds }: LargeSite): Array<{ label: string; query: Omit<PublishedArticleQuery, 'now'> }> {
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
  ];
}

/** The counts a page's pager is made from: a category's, a section's and a tag's. */
function counts({ categoryIds, tagIds }: LargeSite): Array<{ label: string; filter: Parameters<typeof countPublishedArticles>[2] }> {
  return [
    { label: 'count: 要闻', filter: { categoryIds: [categoryIds.news] } },
    { label: 'count: 城区 with 2 subcategories', filter: { categoryIds: [categoryIds.city, categoryIds['city-east'], categoryIds['city-west']] } },
    { label: 'count: broad tag', filter: { tagId: tagIds.broad } },
    { label: 'count: narrow tag', filter: { tagId: tagIds.narrow } },
  ];
}

await runBenchmark(async () => {
  console.log(`node ${process.version}, ${ARTICLES} articles, ${CALLS} calls of each list`);
  await onEachLargeSite(ARTICLES, async ({ db }, site) => {
    const lines: string[][] = [];
    for (const { label, query } of lists(site)) {
      const now = new Date();
      const { median, max } = await timed(() => listPublishedArticles(db, { now, ...query }), CALLS);
      lines.push([label, median.toFixed(2), max.toFixed(2)]);
    }
    for (const { label, filter } of counts(site)) {
      const { median, max } = await timed(() => countPublishedArticles(db, new Date(), filter), CALLS);
      lines.push([label, median.toFixed(2), max.toFixed(2)]);
    }
    printTable(['list', 'p50 ms', 'max ms'], lines);
  });
  return 0;
});
