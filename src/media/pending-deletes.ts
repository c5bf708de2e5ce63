import type { Db } from '../db/database.js';
import { claimableRows } from '../db/dialect.js';
import type { MediaStorage } from './storage.js';

/**
 * How long a claimed key is left to the instance that claimed it: the wait
 * before a failed delete is tried again, and before a key whose instance
 * died comes due for another.
 */
export const PENDING_DELETE_RETRY_MS = 5 * 60_000;

const claimedUntil = (now: Date) => new Date(now.getTime() + PENDING_DELETE_RETRY_MS).toISOString();

/**
 * Records files no row refers to, for deleting from storage: those of an
 * image whose row `trx` deletes, claimed by the caller, who deletes them after
 * the commit (deletePendingFiles), those a failed upload could not delete, or
 * those of an upload a crash cut off (expireUploads).
 * What is still recorded after PENDING_DELETE_RETRY_MS comes due for the
 * background retry (PendingDeleteWorker).
 */
export async function recordPendingDeletes(trx: Db, keys: string[], now: Date): Promise<void> {
  const next_attempt_at = claimedUntil(now);
  await trx
    .insertInto('pending_media_deletes')
    .values(keys.map((storage_key) => ({ storage_key, next_attempt_at })))
    // Already recorded (an expired upload whose own clean-up recorded some of its files too): once is enough.
    .onConflict((conflict) => conflict.column('storage_key').doNothing())
    .execute();
}

/**
 * Deletes the files of claimed keys from storage, and forgets each key whose
 * delete succeeded. Returns the keys left, whose store could not be reached;
 * they stay recorded for the retry.
 */
export async function deletePendingFiles(deps: { db: Db; storage: MediaStorage }, keys: string[]): Promise<string[]> {
  const results = await Promise.allSettled(keys.map((key) => deps.storage.delete(key)));
  const deleted = keys.filter((_, i) => results[i]!.status === 'fulfilled');
  if (deleted.length > 0) await deps.db.deleteFrom('pending_media_deletes').where('storage_key', 'in', deleted).execute();
  return keys.filter((_, i) => results[i]!.status === 'rejected');
}

/**
 * Claims up to `limit` keys that are due, oldest first, by moving them
 * PENDING_DELETE_RETRY_MS on, in one statement: no other instance takes
 * them until then.
 */
export async function claimDuePendingDeletes(db: Db, now: Date, limit: number): Promise<string[]> {
  const due = claimableRows(
    db,
    db
      .selectFrom('pending_media_deletes')
      .select('storage_key')
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .orderBy('storage_key')
      .limit(limit),
  );
  const rows = await db
    .updateTable('pending_media_deletes')
    .set({ next_attempt_at: claimedUntil(now) })
    .where('storage_key', 'in', due)
    .returning('storage_key')
    .execute();
  return rows.map((row) => row.storage_key);
}
