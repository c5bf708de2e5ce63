/**
 * A crawler on a large site: every request a page nobody has asked for since the last change, so each is
 * rendered (a cache miss), as a search engine going through the archive, or readers after a change, make them.
 * On bench/large-site.ts's site (60,000 articles by default) with a tag 本地 on every article, SQLite, then
 * PostgreSQL with BENCH_DATABASE_URL, bendi is built and started twice as `npm start` starts it: with its page
 * cache, for the first row, and with PAGE_CACHE_PAGES=0, rendering every request, for the others (paths drawn
 * at random repeat, and a page cache would answer them).
 *
 *   node --import tsx bench/crawler.bench.ts      (BENCH_ARTICLES, BENCH_DATABASE_URL, BENCH_SECONDS, BENCH_CONNECTIONS)
 *
 * First the site's search index is built as a portal builds it at start for articles it lacks (large-site.ts
 * fills none): how long that takes and how long it held up the event loop, which is what every request waits
 * for meanwhile. Then the portal is started on the indexed site, so that work does not run under the load.
 *
 * Pinning, warm-up, columns and exit status are those of `npm run bench` (page-load.ts); the first row, one
 * article asked again and again from the cache, is what the others are compared with.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { countPublishedArticles } from '../src/content/index.js';
import type { Db } from '../src/db/database.js';
import { indexMissingArticles, searchReindexSettled } from '../src/search/reindex.js';
import { MAX_TAG_ARTICLES } from '../src/web/tag.routes.js';
import type { RunningProcess } from '../test/support/portal-process.js';
import { positiveInt, runBenchmark, startKeptAndRendered } from './bench-support.js';
import { onEachLargeSite, tagArticles } from './large-site.js';
import { compareTargets, cpuPinning, describeRun, pinThisProcess } from './page-load.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
/** large-site.ts's tags are 关键词0 … 关键词1999. */
const TAGS = 2_000;
/** The site's default articles a page (site-settings.ts). */
const PAGE_SIZE = 20;
/** The pages a tag's page goes to. */
const TAG_PAGES = MAX_TAG_ARTICLES / PAGE_SIZE;

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** Indexes the articles the search index lacks, as a start does, and says how long that took and paused the event loop. */
async function buildSearchIndex(db: Db): Promise<void> {
  const pauses = monitorEventLoopDelay({ resolution: 1 });
  pauses.enable();
  const started = performance.now();
  await indexMissingArticles(db, (error) => {
    throw error;
  });
  await searchReindexSettled(db);
  pauses.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    `search index built in ${((performance.now() - started) / 1000).toFixed(1)} s; the event loop paused up to ${ms(pauses.max)} ms (p99 ${ms(pauses.percentile(99))} ms)`,
  );
}

await runBenchmark(async () => {
  const pinning = cpuPinning();
  describeRun(pinning);
  let status = 0;
  await onEachLargeSite(ARTICLES, async (handle, { categoryIds }, databaseUrl) => {
    await tagArticles(handle, '本地');
    await buildSearchIndex(handle.db);
    const { oldest, newest } = await handle.db
      .selectFrom('articles')
      .select((eb) => [eb.fn.min('id').as('oldest'), eb.fn.max('id').as('newest')])
      .executeTakeFirstOrThrow();
    const newsPages = Math.ceil((await countPublishedArticles(handle.db, new Date(), { categoryIds: [categoryIds.news] })) / PAGE_SIZE);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-crawler-'));
    const running: RunningProcess[] = [];
    try {
      if (pinning) pinThisProcess(pinning.server);
      const { kept, rendered } = await startKeptAndRendered(dataDir, running, { DATABASE_URL: databaseUrl });
      if (pinning) pinThisProcess(pinning.client);
      status = Math.max(
        status,
        await compareTargets([
          { label: `article /a/${newest} (cached)`, url: `${kept}/a/${newest}` },
          { label: `article /a/${newest} (rendered)`, url: `${rendered}/a/${newest}` },
          { label: `article, one of ${newest! - oldest! + 1} at random`, url: rendered, nextPath: () => `/a/${between(oldest!, newest!)}` },
          { label: `要闻, one of its ${newsPages} pages`, url: rendered, nextPath: () => `/c/news?page=${between(1, newsPages)}` },
          { label: `tag page 1, one of ${TAGS} tags`, url: rendered, nextPath: () => `/t/${encodeURIComponent(`关键词${between(0, TAGS - 1)}`)}` },
          { label: `本地 (on every article), one of ${TAG_PAGES} pages`, url: rendered, nextPath: () => `/t/${encodeURIComponent('本地')}?page=${between(1, TAG_PAGES)}` },
        ]),
      );
    } finally {
      await Promise.all(running.map((server) => server.stop()));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  return status;
});
