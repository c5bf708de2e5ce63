import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkerPool, WorkerTaskTimeout } from './worker-pool.js';

/** The pool takes its workers' flavour from the caller's extension: this one is plain JavaScript. */
const BUSY_WORKER = new URL('../test-support/busy.worker.mjs', import.meta.url).href;

describe('createWorkerPool', () => {
  it('stops a task past its time bound, and times each task from when it gets a thread, not from when it was sent', async () => {
    const pool = createWorkerPool(BUSY_WORKER, './busy.worker', { timeoutSeconds: 1 });
    // As many endless tasks as the pool can have threads, then a quick one, which waits until they are stopped.
    const endless = [pool.run(60_000, 'spin'), pool.run(60_000, 'spin')];
    const quick = pool.run('答', 'echo');
    for (const task of endless) await assert.rejects(task, WorkerTaskTimeout);
    assert.equal(await quick, '答');
  });
});
