// Readers' pages under load with autocannon, target by target, and the table that compares them
// with the first target (the bare server): shared by pages.bench.ts and scale-out.bench.ts.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { positiveInt, printTable } from './bench-support.js';

export const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
export const SECONDS = positiveInt('BENCH_SECONDS', 10);
/**
 * Long enough for V8 to finish optimizing the render path: a rendered page's rate climbs for about 8 s
 * (433, 517, 659, … 1,132 req/s in its first ten seconds on this machine), and a 2 s warm-up counted the climb.
 */
const WARMUP_SECONDS = positiveInt('BENCH_WARMUP_SECONDS', 10);

export interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** Each request's path, when they are not all `url`'s: a crawler's, each page a new one. */
  nextPath?: () => string;
}

export interface Row {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
}

/**
 * The page as readers get it before compression (autocannon asks for none unless a target says so),
 * saved in `dir` for the bare server to send the same bytes; resolves to the file and its size.
 */
export async function savePageBody(url: string, dir: string): Promise<{ file: string; bytes: number }> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const file = path.join(dir, 'bare-server-body.html');
  await writeFile(file, body);
  return { file, bytes: body.length };
}

/** One uncounted warm-up (JIT, database caches, bendi's page cache), then the measured run. */
async function measure(target: Target): Promise<Row> {
  const { nextPath } = target;
  const requests = nextPath && [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: nextPath() }) }];
  const run = (duration: number) =>
    autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, pipelining: 1, duration, ...(requests && { requests }) });
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

/**
 * Measures the targets one at a time (two at once would compete for the same CPUs), prints
 * them beside the first one, and returns the exit status: 1 if any had errors or non-2xx
 * answers, because the numbers of a run that measured error pages mean nothing.
 */
export async function compareTargets(targets: Target[]): Promise<number> {
  const rows: Row[] = [];
  for (const target of targets) rows.push(await measure(target));
  const first = rows[0]?.rps ?? 0;
  printTable(
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'bytes/resp', `vs ${rows[0]?.label ?? ''}`],
    rows.map((r) => [
      r.label,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.non2xx),
      String(r.errors),
      r.bytesPerResponse.toFixed(0),
      first > 0 ? `${((r.rps / first) * 100).toFixed(1)}%` : '-',
    ]),
  );
  const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const r of failed) console.error(`failed: ${r.label}: ${r.errors} errors (${r.timeouts} timeouts), ${r.non2xx} non-2xx`);
  return failed.length > 0 ? 1 : 0;
}

export interface CpuPinning {
  server: string;
  client: string;
}

/**
 * Which CPUs the servers and the load generator get (taskset lists such as "0" or "2-3"):
 * BENCH_SERVER_CPUS and BENCH_CLIENT_CPUS, by default the first CPU for the servers and the
 * rest for autocannon. Undefined, so nothing is pinned, with BENCH_PIN=0, on one CPU, or
 * without taskset (util-linux).
 */
export function cpuPinning(): CpuPinning | undefined {
  const cpus = os.availableParallelism();
  if (process.env.BENCH_PIN === '0' || cpus < 2 || spawnSync('taskset', ['-V']).status !== 0) return undefined;
  return { server: process.env.BENCH_SERVER_CPUS || '0', client: process.env.BENCH_CLIENT_CPUS || (cpus === 2 ? '1' : `1-${cpus - 1}`) };
}

/** Moves this process, all its threads, to `cpus`; processes it starts afterwards inherit that. */
export function pinThisProcess(cpus: string): void {
  const result = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset -c ${cpus} failed: ${result.stderr}`);
}

/** The first lines of every page benchmark's output: what ran where, so figures are compared like with like. */
export function describeRun(pinning: CpuPinning | undefined): void {
  const cpus = os.availableParallelism();
  console.log(`node ${process.version}, ${cpus} CPUs, ${CONNECTIONS} connections, ${SECONDS} s per target (+${WARMUP_SECONDS} s warm-up)`);
  if (pinning) console.log(`servers pinned to CPU ${pinning.server}, autocannon to CPU ${pinning.client} (taskset; BENCH_PIN=0 turns it off)`);
  else console.log(`note: autocannon and the servers under test share these ${cpus} CPUs, so every figure is a lower bound.`);
}
