import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { PeriodicJob } from '../lib/periodic-job.js';
import { claimDuePendingDeletes, deletePendingFiles } from './pending-deletes.js';
import type { MediaStorage } from './storage.js';
import { expireUploads } from './uploads-in-progress.js';

/** How often each instance looks for files still to delete; a failed one waits PENDING_DELETE_RETRY_MS anyway. */
const PENDING_DELETE_INTERVAL_MS = 2 * 60_000;
const BATCH_SIZE = 50;
/** A round's bound: a backlog left by a long outage goes over several rounds, not in one burst against the store. */
export const BATCHES_PER_ROUND = 10;

export interface PendingDeleteWorkerDeps {
  db: Db;
  storage: MediaStorage;
  clock: Clock;
  log: { warn(object: object, message: string, ...args: unknown[]): void };
}

/**
 * Deletes from storage the files of deleted images and failed uploads that
 * could not be removed at the time (see recordPendingDeletes), and of uploads
 * a crash cut off (first handed over by expireUploads): at start, then every
 * PENDING_DELETE_INTERVAL_MS, in each instance; the claim keeps two
 * instances off the same keys.
 */
export class PendingDeleteWorker extends PeriodicJob<number> {
  constructor(
    private readonly deps: PendingDeleteWorkerDeps,
    private readonly options: { batchSize?: number } = {},
  ) {
    super({
      intervalMs: PENDING_DELETE_INTERVAL_MS,
      runAtStart: true,
      onError: (error) => deps.log.warn({ err: error }, 'files of deleted images and failed uploads not removed: %s', error.message),
    });
  }

  /** Deletes the files that are due (claimed, so no other instance takes them): at most BATCHES_PER_ROUND batches. Returns how many were deleted. */
  protected async runOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? BATCH_SIZE;
    await expireUploads(this.deps.db, this.deps.clock(), batchSize * BATCHES_PER_ROUND);
    let deleted = 0;
    for (let batch = 0; batch < BATCHES_PER_ROUND; batch += 1) {
      const keys = await claimDuePendingDeletes(this.deps.db, this.deps.clock(), batchSize);
      const left = await deletePendingFiles(this.deps, keys);
      deleted += keys.length - left.length;
      if (left.length > 0) {
        // The store is most likely still down: the rest waits for a later round rather than failing one by one.
        this.deps.log.warn({ keys: left }, '%d files of deleted images and failed uploads not removed from storage yet; retried later', left.length);
        break;
      }
      if (keys.length < batchSize) break;
    }
    return deleted;
  }
}
