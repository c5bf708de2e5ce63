// Real processes for end-to-end tests and benchmarks: bendi's own entry point, or any
// Node script, on a free loopback port, stopped and cleaned up by the caller.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENDI_CLI } from '../../src/test-support/cli-process.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningProcess {
  origin: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** SIGTERM, then its exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

const START_LIMIT_SECONDS = 150;

/** A port that was free a moment ago: the OS picks it, and it is released for the child to bind. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Node's arguments exactly as `npm start` gives them (its V8 flags count), e.g. ['--max-semi-space-size=4', '--heap-growing-percent=50', 'dist/main.js']. */
export async function npmStartArguments(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: it cannot be started the same way`);
  return args;
}

/** Starts `node …args` with PORT set and waits until `readyPath` answers 2xx; throws with its output if it never does. */
export async function startNodeServer(args: string[], env: Record<string, string>, readyPath = '/healthz'): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit').then(() => child.exitCode);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const origin = `http://127.0.0.1:${port}`;
  // A guard, not a measure: a start takes seconds, but a machine busy with other suites can stretch it many times.
  const deadline = Date.now() + START_LIMIT_SECONDS * 1000;
  while (!(await fetch(origin + readyPath).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not answer ${origin}${readyPath} within ${START_LIMIT_SECONDS} s (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, child, output: () => output, stop };
}

/** A running bendi and its data directory (for `runBendi`, the SMS outbox, the database). */
export interface RunningPortal extends RunningProcess {
  dataDir: string;
}

/**
 * bendi as `npm start` runs it, on a free port. Without DATA_DIR in `env` it
 * gets a fresh temporary one (with the demo portal), removed by stop().
 */
export async function startPortal(env: Record<string, string> = {}): Promise<RunningPortal> {
  const ownDataDir = env.DATA_DIR ? undefined : mkdtempSync(path.join(tmpdir(), 'bendi-portal-'));
  const portal = await startNodeServer(['--import', 'tsx', 'src/main.ts'], {
    LOG_LEVEL: 'warn',
    ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
    ...env,
  }).catch((error: unknown) => {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    throw error;
  });
  const stop = portal.stop;
  portal.stop = async () => {
    const code = await stop();
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    return code;
  };
  return Object.assign(portal, { dataDir: env.DATA_DIR ?? ownDataDir! });
}

/** `npx bendi …` from the sources against a test portal's data directory; fails the test unless it exits 0. Its standard output, trimmed. */
export function runBendi(dataDir: string, args: string[], input = ''): string {
  const result = spawnSync(process.execPath, [...BENDI_CLI, ...args], { cwd: REPO_ROOT, input, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  assert.equal(result.status, 0, `bendi ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}
