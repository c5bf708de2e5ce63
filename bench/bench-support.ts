import { spawnSync } from 'node:child_process';
import { npmStartArguments, REPO_ROOT, type RunningProcess, startNodeServer } from '../test/support/portal-process.js';

/** A benchmark knob from the environment: a whole number above 0, or the default. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${raw}" must be a whole number above 0`);
  return value;
}

/** A plain-text table: the first column left-aligned, figures right-aligned. */
export function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n'));
}

/** Runs a benchmark's main and exits with its status; a thrown error is printed and exits 1. */
export async function runBenchmark(main: () => Promise<number>): Promise<never> {
  let exitCode = 1;
  try {
    exitCode = await main();
  } catch (error) {
    console.error('bench:', error instanceof Error ? error.message : error);
  }
  // fetch's idle keep-alive sockets would otherwise hold the process open for a few seconds.
  process.exit(exitCode);
}

/** Builds dist/ from the current sources, as `npm install` does, so a bench measures what `npm start` would run now. */
export function buildForStart(): void {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/**
 * bendi built from the current sources and started twice on one data directory, as `npm start` starts it:
 * `kept` with its page cache, and `rendered` with PAGE_CACHE_PAGES=0, which keeps no page and renders every
 * request, as for a crawler or a new article, from the site-wide data (settings, navigation) it still keeps.
 * Each process is added to `running` as it starts, for the caller to stop; `env` is given to both.
 */
export async function startKeptAndRendered(
  dataDir: string,
  running: RunningProcess[],
  env: Record<string, string> = {},
): Promise<{ kept: string; rendered: string }> {
  buildForStart();
  const nodeArguments = await npmStartArguments();
  const portal = async (own: Record<string, string>) => {
    const started = await startNodeServer(nodeArguments, { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env, ...own });
    running.push(started);
    return started.origin;
  };
  // The first start seeds the demo; the second would race it for the empty database.
  const kept = await portal({});
  return { kept, rendered: await portal({ PAGE_CACHE_PAGES: '0' }) };
}
