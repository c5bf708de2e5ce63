/**
 * Readers' pages under load, next to a bare node:http server sending a body of
 * the same size: the ratio says how much of the machine bendi leaves unused.
 * bendi is built first and started as `npm start` starts it (dist/, its flags).
 *
 *   npm run bench                                  (BENCH_SECONDS, BENCH_CONNECTIONS)
 *
 * Exits 1 when any target answered with errors or non-2xx statuses, because
 * the numbers of a run that measured error pages mean nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark, startKeptAndRendered } from './bench-support.js';
import { compareTargets, cpuPinning, describeRun, pinThisProcess, savePageBody, type Target } from './page-load.js';
import { type RunningProcess, startNodeServer } from '../test/support/portal-process.js';

const ARTICLE_PATH = '/a/1';

const running: RunningProcess[] = [];

async function start(server: Promise<RunningProcess>): Promise<string> {
  const started = await server;
  running.push(started);
  return started.origin;
}

async function cleanUp(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.stop()));
}

async function main(): Promise<number> {
  const pinning = cpuPinning();
  describeRun(pinning);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-bench-'));
  try {
    // The servers start on their CPUs and keep them; this process, autocannon, then moves to its own.
    if (pinning) pinThisProcess(pinning.server);
    const targets = await startTargets(dataDir);
    if (pinning) pinThisProcess(pinning.client);
    return await compareTargets(targets);
  } finally {
    await cleanUp();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function startTargets(dataDir: string): Promise<Target[]> {
  const { kept: bendi, rendered: missing } = await startKeptAndRendered(dataDir, running);
  const article = await savePageBody(bendi + ARTICLE_PATH, dataDir);
  const bare = await start(startNodeServer(['bench/bare-server.mjs'], { BODY_FILE: article.file }, '/'));
  console.log(`article page ${ARTICLE_PATH}: ${article.bytes} bytes of HTML; the bare server sends the same bytes\n`);
  return [
    { label: 'bare node:http', url: bare },
    { label: `article ${ARTICLE_PATH} (cached)`, url: bendi + ARTICLE_PATH },
    { label: 'home / (cached)', url: `${bendi}/` },
    { label: 'article (cache miss: rendered)', url: missing + ARTICLE_PATH },
    // As WeChat's browser and the search engines' crawlers ask: the page built for the request is compressed for it too.
    { label: 'article (cache miss, brotli)', url: missing + ARTICLE_PATH, headers: { 'accept-encoding': 'gzip, deflate, br' } },
  ];
}

process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

await runBenchmark(main);
