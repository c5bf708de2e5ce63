import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../test/support/portal-process.js';

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
