import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeriodicJob } from './periodic-job.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job whose run is the given function. */
class TestJob<T> extends PeriodicJob<T> {
  constructor(
    private readonly work: () => Promise<T>,
    schedule: ConstructorParameters<typeof PeriodicJob>[0],
  ) {
    super(schedule);
  }

  protected runOnce(): Promise<T> {
    return this.work();
  }
}

describe('PeriodicJob', () => {
  it('runs one run at a time: a run asked for meanwhile is the one under way', async () => {
    let runs = 0;
    const job = new TestJob(async () => (await tick(20), ++runs), { intervalMs: 60_000, onError: assert.fail });
    assert.deepEqual(await Promise.all([job.run(), job.run(), job.run()]), [1, 1, 1]);
    assert.equal(await job.run(), 2);
  });

  it('reports a failed run once, though ticks of its timer came while it ran', async () => {
    const errors: string[] = [];
    const job = new TestJob(
      async () => {
        await tick(80);
        throw new Error('store unreachable');
      },
      { intervalMs: 10, runAtStart: true, onError: (error: Error) => errors.push(error.message) },
    );
    job.start();
    await tick(50);
    await job.stop();
    assert.deepEqual(errors, ['store unreachable']);
  });

  it('runs at start when asked, then on its timer, sends failures to onError, and stop() waits for the run under way', async () => {
    const errors: string[] = [];
    let finished = 0;
    const job = new TestJob(
      async () => {
        await tick(30);
        finished += 1;
        if (finished === 1) throw new Error('store unreachable');
      },
      { intervalMs: 40, runAtStart: true, onError: (error: Error) => errors.push(error.message) },
    );
    job.start();
    await tick(100);
    await job.stop();
    const atStop = finished;
    assert.ok(atStop >= 2, 'the first run at start, then at least one on the timer');
    assert.deepEqual(errors, ['store unreachable']);
    await tick(100);
    assert.equal(finished, atStop, 'nothing runs after stop(), and nothing was left running');
  });
});
