import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkerPool, WorkerTaskTimeout } from './worker-pool.js';

/** The pool takes its workers' flavour from the caller's extension: this one is plain JavaScript. */
const BUSY_WORKER = new URL('../test-support/busy.worker.mjs', import.meta.url).href;
const SLOW_START_WORKER = new URL('../test-support/slow-start.worker.mjs', import.meta.url).href;

describe('createWorkerPool', () => {
  it('stops a task past its time bound, and times each task from when it gets a thread, not from when it was sent', async () => {
    const pool = createWorkerPool(BUSY_WORKER, './busy.worker', { timeoutSeconds: 1 });
    // As many endless tasks as the pool can have threads, then a quick one, which waits until they are stopped.
    const endless = [pool.run(60_000, 'spin'), pool.run(60_000, 'spin')];
    const quick = pool.run('答', 'echo');
    for (const task of endless) await assert.rejects(task, WorkerTaskTimeout);
    assert.equal(await quick, '答');
  });

  it('does not count a thread\'s start against the bound: a module that loads for longer than it still runs its task', async () => {
    const pool = createWorkerPool(SLOW_START_WORKER, './slow-start.worker', { timeoutSeconds: 1 });
    assert.equal(await pool.run('答', 'echo'), '答');
  });
});
