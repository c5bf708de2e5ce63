/**
 * One production process's footprint: the compiled portal, started as `npm start` starts it (its
 * Node flags read from package.json) on the demo site, built first from the current sources. It
 * reports the time from spawn to the first answer, the resident memory (VmRSS) right after that, and after
 * BENCH_REQUESTS mixed requests: home, articles, categories, their 繁體 pages, and the readers'
 * API. Aim (issue 7): under 150 MB after 10,000 requests, first answer within 1 s. The CPU time the
 * process used until its first answer is printed too: on a shared machine the wall time mostly waits for a core.
 *
 *   node --import tsx bench/memory.bench.ts          (BENCH_REQUESTS, BENCH_CONNECTIONS)
 *
 * The demo is seeded by a first start that is not measured: what counts is a restart on an
 * existing site. Linux only (/proc). Exits 1 on any answer other than 200.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildForStart, positiveInt, printTable, runBenchmark } from './bench-support.js';
import { freePort, npmStartArguments, REPO_ROOT, startNodeServer } from '../test/support/portal-process.js';

const REQUESTS = positiveInt('BENCH_REQUESTS', 10_000);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 10);

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

/** CPU time (user + system) the process has used: on a loaded machine, what the start cost apart from waiting for a core. */
async function cpuMilliseconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The demo's own addresses, read off its pages: every article and category, in both scripts, and each article's comments. */
async function mixedPaths(origin: string): Promise<string[]> {
  const home = await fetch(origin).then((r) => r.text());
  const articles = [...new Set([...home.matchAll(/href="\/a\/(\d+)"/g)].map((m) => m[1]!))];
  const categories = [...new Set([...home.matchAll(/href="(\/c\/[^"?#]+)"/g)].map((m) => m[1]!))];
  if (articles.length === 0 || categories.length === 0) throw new Error('the home page links no article or category');
  const pages = ['/', ...articles.map((id) => `/a/${id}`), ...categories];
  return [...pages, ...pages.map((page) => `/zh-hant${page}`), ...articles.map((id) => `/api/articles/${id}/comments`)];
}

/** `count` GETs spread over `paths` in turn, `CONNECTIONS` at a time; the statuses other than 200 seen. */
async function load(origin: string, paths: string[], count: number): Promise<Map<string, number>> {
  let next = 0;
  const failures = new Map<string, number>();
  const worker = async () => {
    while (next < count) {
      const url = paths[next++ % paths.length]!;
      const response = await fetch(origin + url);
      await response.arrayBuffer();
      if (response.status !== 200) failures.set(`${response.status} ${url}`, (failures.get(`${response.status} ${url}`) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return failures;
}

await runBenchmark(async () => {
  buildForStart();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-memory-'));
  try {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const nodeArguments = await npmStartArguments();
    const seeding = await startNodeServer(nodeArguments, env);
    await seeding.stop();

    // Spawned here rather than through startNodeServer, whose 200 ms polling would blur the start time.
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const spawned = performance.now();
    const child = spawn(process.execPath, nodeArguments, { cwd: REPO_ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'inherit' });
    try {
      while (!(await fetch(`${origin}/healthz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null) throw new Error(`the portal exited with ${child.exitCode}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const firstAnswer = performance.now() - spawned;
      const startCpu = await cpuMilliseconds(child.pid!);
      const afterStart = await residentMegabytes(child.pid!);
      const paths = await mixedPaths(origin);
      const loaded = performance.now();
      const failures = await load(origin, paths, REQUESTS);
      const seconds = (performance.now() - loaded) / 1000;
      const afterLoad = await residentMegabytes(child.pid!);

      printTable(
        ['measure', 'value'],
        [
          ['spawn to first answer (ms)', firstAnswer.toFixed(0)],
          ['CPU time used by then (ms)', startCpu.toFixed(0)],
          ['RSS right after start (MB)', afterStart.toFixed(0)],
          [`RSS after ${REQUESTS} requests over ${paths.length} addresses (MB)`, afterLoad.toFixed(0)],
          ['requests per second (client and server on one machine)', (REQUESTS / seconds).toFixed(0)],
        ],
      );
      for (const [what, times] of failures) console.error(`bench: ${times} × ${what}`);
      return failures.size === 0 ? 0 : 1;
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
