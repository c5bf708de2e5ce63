/**
 * The layout of docs/deploy.md under load: two bendi instances on one PostgreSQL database,
 * one Redis and one S3 bucket, behind Debian's nginx configured from deploy/nginx/bendi.conf,
 * beside a bare node:http server (alone and behind the same nginx) and one instance alone.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     node --import tsx bench/scale-out.bench.ts      (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PIN)
 *
 * The database is a scratch one next to BENCH_DATABASE_URL, dropped at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark } from './bench-support.js';
import { compareTargets, cpuPinning, describeRun, pinThisProcess, savePageBody, type Target } from './page-load.js';
import { missingNginx, type RunningNginx, startNginx } from '../test/support/nginx.js';
import { type RunningProcess, startNodeServer } from '../test/support/portal-process.js';
import { type Instance, type Instances, startInstances } from '../test/support/scale-out.js';

const ARTICLE_PATH = '/a/1';

const stops: Array<() => Promise<unknown>> = [];

async function cleanUp(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error('bench: clean-up:', error));
}

function started<T extends RunningProcess | RunningNginx | Instances>(thing: T): T {
  stops.push(() => thing.stop());
  return thing;
}

async function startTargets(databaseUrl: string, redisUrl: string): Promise<Target[]> {
  const [a, b] = started(await startInstances(databaseUrl, redisUrl, 2)).instances as [Instance, Instance];
  const bodyDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-bench-'));
  stops.push(() => rm(bodyDir, { recursive: true, force: true }));
  const article = await savePageBody(a.origin + ARTICLE_PATH, bodyDir);
  const bare = started(await startNodeServer(['bench/bare-server.mjs'], { BODY_FILE: article.file }, '/'));
  const bareProxy = started(await startNginx([bare.origin]));
  const proxy = started(await startNginx([a.origin, b.origin]));
  console.log(`article page ${ARTICLE_PATH}: ${article.bytes} bytes of HTML; the bare server sends the same bytes\n`);
  return [
    { label: 'bare node:http', url: bare.origin },
    { label: 'bare node:http via nginx', url: bareProxy.origin },
    { label: 'article (cached), one instance', url: a.origin + ARTICLE_PATH },
    { label: 'article (cached), two via nginx', url: proxy.origin + ARTICLE_PATH },
    { label: 'article (cached, gzip), two via nginx', url: proxy.origin + ARTICLE_PATH, headers: { 'accept-encoding': 'gzip' } },
  ];
}

async function main(): Promise<number> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  const nginx = missingNginx();
  if (!databaseUrl || !redisUrl || nginx) {
    console.error(`bench: needs BENCH_DATABASE_URL (postgres://…), BENCH_REDIS_URL (redis://…) and nginx${nginx ? `: ${nginx}` : ''}`);
    return 2;
  }
  const pinning = cpuPinning();
  describeRun(pinning);
  try {
    // The servers (bendi, nginx, the bare one) start on their CPUs and keep them; autocannon then moves to its own.
    if (pinning) pinThisProcess(pinning.server);
    const targets = await startTargets(databaseUrl, redisUrl);
    if (pinning) pinThisProcess(pinning.client);
    return await compareTargets(targets);
  } finally {
    await cleanUp();
  }
}

process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

await runBenchmark(main);
