/**
 * Readers arriving together on a page a change has just dropped from the page cache, as when an
 * editor corrects the article everyone is reading: the time from the change's answer to the last
 * of BENCH_BURST readers' answers, over BENCH_ROUNDS changes. bendi as `npm start` runs it builds
 * the page once for the whole burst (PageCache.pageFor); a second process with PAGE_CACHE_PAGES=0,
 * which renders every request, shows what the burst costs when each reader's request builds its own.
 *
 *   node --import tsx bench/burst.bench.ts          (BENCH_BURST, BENCH_ROUNDS, BENCH_PIN)
 *
 * Each change is a new 服务时间 in the footer, made through the admin API of the process measured;
 * every answer must show it, else the run exits 1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { positiveInt, printTable, runBenchmark, startKeptAndRendered } from './bench-support.js';
import { cpuPinning, pinThisProcess } from './page-load.js';
import { apiToken } from '../test/support/portal-admin.js';
import type { RunningProcess } from '../test/support/portal-process.js';

const BURST = positiveInt('BENCH_BURST', 50);
const ROUNDS = positiveInt('BENCH_ROUNDS', 40);
const ARTICLE_PATH = '/a/1';
/** As WeChat's browser asks. */
const READER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

const running: RunningProcess[] = [];

interface Bursts {
  label: string;
  milliseconds: number[];
  stale: number;
}

async function changeFooter(origin: string, token: string, serviceHours: string): Promise<void> {
  const response = await fetch(`${origin}/api/admin/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceHours }),
  });
  if (response.status !== 200) throw new Error(`settings answered ${response.status}: ${await response.text()}`);
}

async function measureBursts(label: string, origin: string, token: string): Promise<Bursts> {
  const bursts: Bursts = { label, milliseconds: [], stale: 0 };
  // The first rounds warm the process up and are not counted (see WARMUP_SECONDS in page-load.ts).
  for (let round = -ROUNDS; round < ROUNDS; round++) {
    const serviceHours = `每天 8:00–${round + 100}:00`;
    await changeFooter(origin, token, serviceHours);
    const started = performance.now();
    const pages = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const response = await fetch(origin + ARTICLE_PATH, { headers: READER_HEADERS });
        return response.status === 200 ? response.text() : `HTTP ${response.status}`;
      }),
    );
    if (round < 0) continue;
    bursts.milliseconds.push(performance.now() - started);
    bursts.stale += pages.filter((page) => !page.includes(serviceHours)).length;
  }
  return bursts;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<number> {
  const pinning = cpuPinning();
  console.log(`node ${process.version}, ${os.availableParallelism()} CPUs, bursts of ${BURST} readers after each of ${ROUNDS} changes (+${ROUNDS} warm-up)`);
  if (pinning) console.log(`servers pinned to CPU ${pinning.server}, the readers to CPU ${pinning.client} (taskset; BENCH_PIN=0 turns it off)`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-bench-'));
  try {
    if (pinning) pinThisProcess(pinning.server);
    const { kept, rendered } = await startKeptAndRendered(dataDir, running);
    const token = apiToken({ DATA_DIR: dataDir });
    if (pinning) pinThisProcess(pinning.client);
    const results = [
      await measureBursts('one build per burst (npm start)', kept, token),
      await measureBursts('a build per request (PAGE_CACHE_PAGES=0)', rendered, token),
    ];
    console.log();
    printTable(
      ['bursts', 'p50 ms', 'p90 ms', 'max ms', 'answers without the change'],
      results.map(({ label, milliseconds, stale }) => {
        const sorted = [...milliseconds].sort((a, b) => a - b);
        return [label, ...[50, 90, 100].map((p) => percentile(sorted, p).toFixed(1)), String(stale)];
      }),
    );
    return results.some((r) => r.stale > 0) ? 1 : 0;
  } finally {
    await Promise.all(running.splice(0).map((server) => server.stop()));
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.once('SIGINT', () => {
  void Promise.all(running.map((server) => server.stop())).finally(() => process.exit(130));
});

await runBenchmark(main);
