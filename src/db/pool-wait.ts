import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { PoolWaitExceeded } from './unreachable-database.js';

/**
 * How long the queries of one request have waited, in all, for a pooled
 * PostgreSQL connection: what `run` runs, and all it starts, counts together
 * against the pool's wait bound (waitBoundedPool) until close(). Work a
 * request starts and leaves running after its answer (a re-indexing, say)
 * then waits as any query outside of a request does: each wait bounded alone.
 */
export class PoolWaitAccount {
  /** Waits that ran at once count once: a page's queries of one round wait side by side. */
  private waitedMs = 0;
  private waiting = 0;
  private waitingSince = 0;
  /** Until close(): the request has not been answered yet. */
  counting = true;

  run(scope: () => void): void {
    accounts.run(this, scope);
  }

  close(): void {
    this.counting = false;
  }

  /** The time some query of the request was waiting, until `now`. */
  spentMs(now: number): number {
    return this.waitedMs + (this.waiting > 0 ? now - this.waitingSince : 0);
  }

  waitStarted(now: number): void {
    if (this.waiting++ === 0) this.waitingSince = now;
  }

  waitEnded(now: number): void {
    if (--this.waiting === 0) this.waitedMs += now - this.waitingSince;
  }
}

const accounts = new AsyncLocalStorage<PoolWaitAccount>();

/**
 * `pool` with the waits for its connections bounded by `poolWaitMs` per
 * request (PoolWaitAccount) rather than per query, as pg-pool's own
 * connectionTimeoutMillis bounds them. A page's queries run in a few rounds,
 * each of which can wait the whole bound in a saturated pool: a page then
 * took minutes to fail, long after its reader and nginx (60 s) had given up,
 * while holding its place in the queue. Hand-written: pg-pool has no
 * per-checkout timeout. A wait cut short here leaves its place in pg-pool's
 * queue; the connection it gets later goes straight back.
 */
export function waitBoundedPool(pool: PostgresPool, poolWaitMs: number): PostgresPool {
  return {
    end: () => pool.end(),
    async connect() {
      const store = accounts.getStore();
      const account = store?.counting ? store : undefined;
      const started = performance.now();
      const leftMs = account ? poolWaitMs - account.spentMs(started) : poolWaitMs;
      account?.waitStarted(started);
      try {
        // The pool's own bound is poolWaitMs: only a request that has waited before needs a shorter one.
        return leftMs >= poolWaitMs ? await pool.connect() : await connectWithin(pool, Math.max(leftMs, 0));
      } finally {
        account?.waitEnded(performance.now());
      }
    },
  };
}

/** A connection from `pool` within `ms`; an idle one is taken even when no time is left, as it is handed over before any timer fires. */
async function connectWithin(pool: PostgresPool, ms: number): Promise<PostgresPoolClient> {
  const connecting = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PoolWaitExceeded()), ms);
  });
  try {
    return await Promise.race([connecting, expired]);
  } catch (error) {
    if (error instanceof PoolWaitExceeded) {
      connecting.then(
        (client) => client.release(),
        () => undefined,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
