import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { lazyPackage } from './lazy-package.js';

const piscina = lazyPackage<typeof import('piscina')>('piscina');

/**
 * A small pool of worker threads for CPU-heavy pure functions, so one
 * person's large input never stalls the event loop that serves everyone
 * else. It leaves a core to the main thread, and its idle threads do not keep
 * the process alive.
 *
 * `workerPath` is the worker module next to the caller, without extension:
 * it gets the caller's own extension, so the pool loads `.ts` through tsx in
 * development and tests (see tsx-in-worker.mjs), and `.js` once the code is
 * compiled.
 *
 * @example const pool = createWorkerPool(import.meta.url, './text.worker'); await pool.run(html, { name: 'sanitize' })
 */
export function createWorkerPool(callerUrl: string, workerPath: string): Piscina {
  const extension = new URL(callerUrl).pathname.match(/\.[cm]?[jt]s$/)?.[0] ?? '.js';
  const typescript = extension.endsWith('ts');
  return new (piscina().Piscina)({
    filename: new URL(`${workerPath}${extension}`, callerUrl).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    // Starting a thread (and compiling through tsx) costs more than keeping an idle one for a while.
    idleTimeout: 60_000,
    // Only what the worker needs: the parent's own flags (e.g. node --test's) may not be valid in a worker.
    execArgv: typescript ? ['--import', new URL('./tsx-in-worker.mjs', import.meta.url).href] : [],
  });
}
