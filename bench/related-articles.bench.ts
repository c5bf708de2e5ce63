/**
 * The queries an article page makes for its 上一篇 / 下一篇 links and 相关阅读,
 * on a site with many articles: for the newest article of 要闻, one from the
 * middle and the oldest, since a query that walks its category from one end
 * costs most at the other. The three carry the site's three broad tags, so
 * 相关阅读 counts about 3,000 articles sharing a tag. Then every article gets
 * one more tag, as sites tag everything 本地, and 相关阅读 is timed again.
 * SQLite and (with BENCH_DATABASE_URL) PostgreSQL.
 *
 *   node --import tsx bench/related-articles.bench.ts     (BENCH_ARTICLES, BENCH_DATABASE_URL)
 *
 * The site is bench/large-site.ts's (60,000 articles by default). Figures are
 * the median and the slowest of 200 calls, in ms.
 */
import { type Article, findArticle, findNeighbours, listRelatedArticles } from '../src/content/index.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { onEachLargeSite, tagArticles, timed } from './large-site.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
const CALLS = 200;

await runBenchmark(async () => {
  console.log(`node ${process.version}, ${ARTICLES} articles, ${CALLS} calls of each query per article`);
  await onEachLargeSite(ARTICLES, async (handle, { measured }) => {
    const { db } = handle;
    /** Each measured article as it is now, read again after its tags change, timed `CALLS` times with `call`. */
    const timeEach = async (call: (article: Article) => Promise<unknown>) => {
      const times = [];
      for (const { id } of measured) {
        const article = (await findArticle(db, id))!;
        times.push(await timed(() => call(article), CALLS));
      }
      return times;
    };
    const neighbours = await timeEach((article) => findNeighbours(db, article, new Date()));
    const related = await timeEach((article) => listRelatedArticles(db, article, new Date(), 7));

    await tagArticles(handle, '本地');
    const taggedEverywhere = await timeEach((article) => listRelatedArticles(db, article, new Date(), 7));

    const ms = (value: number) => value.toFixed(2);
    printTable(
      ['article', '上一篇/下一篇 p50 ms', 'max ms', '相关阅读 p50 ms', 'max ms', 'with 本地 on all: p50 ms', 'max ms'],
      measured.map(({ label, id }, i) =>
        [neighbours[i]!, related[i]!, taggedEverywhere[i]!].reduce((line, { median, max }) => [...line, ms(median), ms(max)], [`${label} (#${id})`]),
      ),
    );
  });
  return 0;
});
