/**
 * The queries an article page makes for its 上一篇 / 下一篇 links and 相关阅读,
 * on a site with many articles: for the newest article of 要闻, one from the
 * middle and the oldest, since a query that walks its category from one end
 * costs most at the other. The three carry the site's three broad tags, so
 * 相关阅读 counts about 3,000 articles sharing a tag. SQLite and (with
 * BENCH_DATABASE_URL) PostgreSQL.
 *
 *   node --import tsx bench/related-articles.bench.ts     (BENCH_ARTICLES, BENCH_DATABASE_URL)
 *
 * The site is bench/large-site.ts's (60,000 articles by default). Figures are
 * the median and the slowest of 200 calls, in ms.
 */
import { findArticle, findNeighbours, listRelatedArticles } from '../src/content/index.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { timed, onEachLargeSite } from './large-site.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
const CALLS = 200;

await runBenchmark(async () => {
  console.log(`node ${process.version}, ${ARTICLES} articles, ${CALLS} calls of each query per article`);
  await onEachLargeSite(ARTICLES, async ({ db }, { measured }) => {
    const lines: string[][] = [];
    for (const { label, id } of measured) {
      const article = (await findArticle(db, id))!;
      const now = new Date();
      const neighbours = await timed(() => findNeighbours(db, article, now), CALLS);
      const related = await timed(() => listRelatedArticles(db, article, now, 7), CALLS);
      const ms = (value: number) => value.toFixed(2);
      lines.push([`${label} (#${id})`, ms(neighbours.median), ms(neighbours.max), ms(related.median), ms(related.max)]);
    }
    printTable(['article', '上一篇/下一篇 p50 ms', 'max ms', '相关阅读 p50 ms', 'max ms'], lines);
  });
  return 0;
});
