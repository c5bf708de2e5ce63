import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import pLimit from 'p-limit';
import { lazyPackage } from './lazy-package.js';

const piscina = lazyPackage<typeof import('piscina')>('piscina');

/** A task that ran past its pool's time bound: its thread was stopped. */
export class WorkerTaskTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`worker task stopped after ${seconds} s`);
    this.name = 'WorkerTaskTimeout';
  }
}

export interface WorkerPool {
  /**
   * Runs the worker module's export `name` on `task` once a thread is free.
   * Rejects with WorkerTaskTimeout when the run takes longer than the pool's
   * bound (waiting for a thread, or for one to start, does not count), and
   * whatever the export throws. The buffers in `transfer` are moved to the
   * thread, not copied, and are empty here afterwards; an export moves its
   * answer's with `movedAnswer`.
   */
  run(task: unknown, name: string, transfer?: readonly ArrayBuffer[]): Promise<unknown>;
}

/**
 * A small pool of worker threads for CPU-heavy pure functions, so one
 * person's large input never stalls the event loop that serves everyone
 * else. It leaves a core to the main thread, and its idle threads do not keep
 * the process alive. A task past `timeoutSeconds` has its thread stopped (a
 * thread busy in a regular expression cannot be asked to stop), so an input
 * nobody foresaw holds a thread for that long at most.
 *
 * `workerPath` is the worker module next to the caller, without extension:
 * it gets the caller's own extension, so the pool loads `.ts` through tsx in
 * development and tests (see tsx-in-worker.mjs), and `.js` once the code is
 * compiled.
 *
 * @example const pool = createWorkerPool(import.meta.url, './text.worker', { timeoutSeconds: 5 }); await pool.run(html, 'sanitize')
 */
export function createWorkerPool(callerUrl: string, workerPath: string, { timeoutSeconds }: { timeoutSeconds: number }): WorkerPool {
  const extension = new URL(callerUrl).pathname.match(/\.[cm]?[jt]s$/)?.[0] ?? '.js';
  const typescript = extension.endsWith('ts');
  const threads = Math.max(1, Math.min(2, availableParallelism() - 1));
  const pool = new (piscina().Piscina)({
    filename: new URL('./timed-worker.mjs', import.meta.url).href,
    workerData: { workerModule: new URL(`${workerPath}${extension}`, callerUrl).href },
    minThreads: 0,
    maxThreads: threads,
    // Starting a thread (and compiling through tsx) costs more than keeping an idle one for a while.
    idleTimeout: 60_000,
    // Only what the worker needs: the parent's own flags (e.g. node --test's) may not be valid in a worker.
    execArgv: typescript ? ['--import', new URL('./tsx-in-worker.mjs', import.meta.url).href] : [],
  });
  // Tasks wait for a thread here rather than in piscina's queue, where the time bound would run
  // while they wait: an import sends hundreds of bodies at once, and each must get its own time.
  const turn = pLimit(threads);
  return {
    run: (task, name, transfer = []) =>
      turn(async () => {
        const controller = new AbortController();
        // The thread says on this port when the task begins (timed-worker.mjs); the bound runs from then.
        const { port1: started, port2: startedInWorker } = new MessageChannel();
        let timer: NodeJS.Timeout | undefined;
        started.once('message', () => {
          timer = setTimeout(() => controller.abort(), timeoutSeconds * 1000);
        });
        try {
          return await pool.run({ name, input: task, started: startedInWorker }, { signal: controller.signal, transferList: [startedInWorker, ...transfer] });
        } catch (error) {
          throw controller.signal.aborted ? new WorkerTaskTimeout(timeoutSeconds) : error;
        } finally {
          clearTimeout(timer);
          started.close();
        }
      }),
  };
}

/**
 * A worker export's answer whose `buffers` are moved to the caller rather than
 * copied: copying costs the caller's event loop about as much as building
 * them (structuredClone took 60 to 200 ms for 12 MB of typed arrays).
 */
export function movedAnswer<T extends object>(answer: T, buffers: readonly ArrayBuffer[]): unknown {
  const { move, transferableSymbol, valueSymbol } = piscina();
  // piscina's Transferable, whose keys' declared types do not survive destructuring.
  const transferable = { [transferableSymbol]: buffers, [valueSymbol]: answer } as unknown as Parameters<typeof move>[0];
  return move(transferable);
}
