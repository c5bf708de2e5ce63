/**
 * What readers wait for while the lexicon changes: a reader's comment, /healthz and pages
 * the cache cannot answer, timed while an admin imports a large list, and again once the
 * reload interval has passed with nothing changed.
 *
 *   node --import tsx bench/lexicon-reload.bench.ts   (BENCH_TERMS, default 20,000; BENCH_RELOAD_WAIT_MS)
 *
 * The real portal in its own process (demo content, fresh data directory): an admin
 * (`npx bendi user add`, `token create`) imports BENCH_TERMS Chinese terms while /healthz and
 * search pages (a new query each time, so never from the cache) are asked one request after
 * another; then a reader posts a comment. A minute later another reader comments with
 * nothing changed. Each row gives the request's own time and the slowest /healthz and search
 * page answered meanwhile, which is what every other reader waited on.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { type RunningPortal, runBendi, startPortal } from '../test/support/portal-process.js';
import { BROWSER_AGENT, signInReaders, type SignedInReader } from '../test/support/readers.js';

const TERMS = positiveInt('BENCH_TERMS', 20_000);
/** A minute, as the review measured: past the lexicon's check interval (60 s before data_versions, 10 s since). */
const RELOAD_WAIT_MS = positiveInt('BENCH_RELOAD_WAIT_MS', 61_000);
const ARTICLE = 5;

/** Terms of 2–6 common ideographs, the same on every run; the first two tell them apart. */
function terms(count: number): string {
  const ideograph = (n: number) => String.fromCodePoint(0x4e00 + (n % 6_000));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let term = ideograph(i) + ideograph(Math.floor(i / 6_000));
    for (let k = 2; k < 2 + (i % 5); k++) term += ideograph(i * 7_919 + k * 104_729);
    lines.push(`${term}\thold`);
  }
  return lines.join('\n');
}

runBenchmark(async () => {
  let portal: RunningPortal | undefined;
  try {
    portal = await startPortal({ TRUST_PROXY: '127.0.0.1' });
    const { origin, dataDir } = portal;
    runBendi(dataDir, ['user', 'add', '--username', 'benchadmin', '--role', 'admin'], 'bench-password-123456\n');
    const token = runBendi(dataDir, ['token', 'create', '--username', 'benchadmin']).match(/\b[\w-]{20,}\b/)?.[0];
    if (!token) throw new Error('no API token was printed');
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const readers = await signInReaders(origin, dataDir, 3);

    const comment = async (reader: SignedInReader, body: string) => {
      const response = await fetch(`${origin}/api/articles/${ARTICLE}/comments`, {
        method: 'POST',
        headers: { cookie: reader.cookie, 'user-agent': BROWSER_AGENT, 'x-forwarded-for': reader.address, 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });
      if (response.status !== 201) throw new Error(`the comment was answered ${response.status}: ${await response.text()}`);
    };
    const importTerms = async () => {
      const response = await fetch(`${origin}/api/admin/lexicon/import`, { method: 'POST', headers: admin, body: JSON.stringify({ text: terms(TERMS), defaultAction: 'hold' }) });
      if (response.status !== 200) throw new Error(`the import was answered ${response.status}: ${await response.text()}`);
    };

    /** Asks `url(n)` one request after another until `done()`; the slowest answer in ms. */
    const slowestOf = async (url: (n: number) => string, done: () => boolean): Promise<number> => {
      let slowest = 0;
      for (let n = 0; !done(); n++) {
        const start = performance.now();
        await fetch(url(n)).then((r) => r.arrayBuffer());
        slowest = Math.max(slowest, performance.now() - start);
        await sleep(5);
      }
      return slowest;
    };
    /**
     * Runs `work`, asking meanwhile /healthz, which needs no database, and search pages, each a new query, which
     * the page cache cannot answer: the work's time and the slowest answer of each.
     */
    const measure = async (label: string, work: () => Promise<unknown>): Promise<string[]> => {
      let done = false;
      const probes = Promise.all([
        slowestOf(() => `${origin}/healthz`, () => done),
        slowestOf((n) => `${origin}/search?q=${encodeURIComponent(`本地新闻${label.length}-${n}`)}`, () => done),
      ]);
      const start = performance.now();
      await work();
      const took = performance.now() - start;
      done = true;
      const [healthz, search] = await probes;
      return [label, took.toFixed(0), healthz.toFixed(0), search.toFixed(0)];
    };

    await comment(readers[0]!, '第一条评论：默认词库在这里编译');
    // The first search loads the word segmenter (most of a second), which is not what is measured.
    await fetch(`${origin}/search?q=${encodeURIComponent('预热')}`).then((r) => r.arrayBuffer());
    const rows = [await measure('nothing (baseline, 2 s)', () => sleep(2000))];
    rows.push(await measure(`import ${TERMS} terms`, importTerms));
    rows.push(await measure('a comment after the import', () => comment(readers[1]!, '导入之后的第一条评论')));
    await sleep(RELOAD_WAIT_MS);
    rows.push(await measure(`a comment ${RELOAD_WAIT_MS / 1000} s later, nothing changed`, () => comment(readers[2]!, '过了一分钟，词库没有改动')));
    rows.push(await measure('the next comment', () => comment(readers[0]!, '再来一条评论')));
    printTable(['step', 'took ms', 'slowest /healthz meanwhile ms', 'slowest search page meanwhile ms'], rows);
    return 0;
  } finally {
    await portal?.stop();
  }
});
