// The module every thread of a worker pool loads (see worker-pool.ts): it loads the pool's own
// worker module, named in workerData, and runs its exports by name. Before a task runs it says so
// on the task's port, and the pool's time bound starts then: neither waiting for a thread nor the
// thread's start (a module compiled through tsx takes seconds on a busy machine) counts against it.
// Plain JavaScript, like tsx-in-worker.mjs, so that it needs no compiler of its own.
import { workerData } from 'node:worker_threads';

const workerModule = await import(workerData.workerModule);

/** Runs `workerModule[name](input)`, having told the pool on `started` that it has begun. */
export default function runTimedTask({ name, input, started }) {
  started.postMessage('started');
  started.close();
  return workerModule[name](input);
}
