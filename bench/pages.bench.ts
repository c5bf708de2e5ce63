/**
 * Readers' pages under load, next to a bare node:http server sending a body of
 * the same size: the ratio says how much of the machine bendi leaves unused.
 *
 *   npm run bench                                  (BENCH_SECONDS, BENCH_CONNECTIONS)
 *
 * Exits 1 when any target answered with errors or non-2xx statuses, because
 * the numbers of a run that measured error pages mean nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { type RunningProcess, startNodeServer, startPortal } from '../test/support/portal-process.js';

const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const SECONDS = positiveInt('BENCH_SECONDS', 10);
const WARMUP_SECONDS = 2;
const ARTICLE_PATH = '/a/1';

interface Target {
  label: string;
  url: string;
}

interface Row {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
}

const running: RunningProcess[] = [];

async function start(server: Promise<RunningProcess>): Promise<string> {
  const started = await server;
  running.push(started);
  return started.origin;
}

/** Body size as readers get it before compression (autocannon asks for none either). */
async function bodyBytes(url: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
}

/** One uncounted warm-up (JIT, SQLite page cache, bendi's page cache), then the measured run. */
async function measure(target: Target): Promise<Row> {
  const run = (duration: number) =>
    autocannon({ url: target.url, connections: CONNECTIONS, pipelining: 1, duration });
  await run(WARMUP_SECONDS);
  const result = await run(SECONDS);
  return {
    label: target.label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

function printRows(rows: Row[]): void {
  const bare = rows[0]?.rps ?? 0;
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'bytes/resp', 'vs bare'];
  const lines = rows.map((r) => [
    r.label,
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.non2xx),
    String(r.errors),
    r.bytesPerResponse.toFixed(0),
    bare > 0 ? `${((r.rps / bare) * 100).toFixed(1)}%` : '-',
  ]);
  printTable(header, lines);
}

async function cleanUp(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.stop()));
}

async function main(): Promise<number> {
  const cpus = os.availableParallelism();
  console.log(`node ${process.version}, ${cpus} CPUs, ${CONNECTIONS} connections, ${SECONDS} s per target (+${WARMUP_SECONDS} s warm-up)`);
  console.log(`note: autocannon and the server under test share these ${cpus} CPUs, so every figure is a lower bound.`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-bench-'));
  try {
    return await compare(dataDir);
  } finally {
    await cleanUp();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function compare(dataDir: string): Promise<number> {
  const bendi = await start(startPortal({ DATA_DIR: dataDir }));
  // A second process on the same database with the page cache off: every request is rendered.
  const uncached = await start(startPortal({ DATA_DIR: dataDir, PAGE_CACHE_SECONDS: '0' }));
  const articleBytes = await bodyBytes(bendi + ARTICLE_PATH);
  const bare = await start(startNodeServer(['bench/bare-server.mjs'], { BODY_BYTES: String(articleBytes) }, '/'));
  console.log(`article page ${ARTICLE_PATH}: ${articleBytes} bytes of HTML; the bare server sends as many\n`);

  const targets: Target[] = [
    { label: 'bare node:http', url: bare },
    { label: `article ${ARTICLE_PATH} (cached)`, url: bendi + ARTICLE_PATH },
    { label: 'home / (cached)', url: `${bendi}/` },
    { label: 'article (render every time)', url: uncached + ARTICLE_PATH },
  ];
  const rows: Row[] = [];
  // One at a time: two targets running at once would compete for the same two CPUs.
  for (const target of targets) rows.push(await measure(target));
  printRows(rows);

  const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const r of failed) console.error(`failed: ${r.label}: ${r.errors} errors (${r.timeouts} timeouts), ${r.non2xx} non-2xx`);
  return failed.length > 0 ? 1 : 0;
}

process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

await runBenchmark(main);
