import type { Db } from '../db/database.js';
import { claimableRows } from '../db/dialect.js';
import { unavailable } from '../lib/errors.js';
import { recordPendingDeletes } from './pending-deletes.js';

/**
 * How long an upload may take from its first file to its row. An upload
 * takes seconds (its encoding and every put to storage are time-bounded); one
 * not finished after an hour was cut off by a crash, and nothing else will
 * ever clean up its files.
 */
export const UPLOAD_LEASE_MS = 60 * 60_000;

/** Records the files of an upload before the first is written (see finishUpload and expireUploads). */
export async function beginUpload(db: Db, keys: string[], now: Date): Promise<void> {
  const started_at = now.toISOString();
  await db
    .insertInto('media_uploads')
    .values(keys.map((storage_key) => ({ storage_key, started_at })))
    .execute();
}

/**
 * Ends the record of an upload whose row `trx` inserts. An upload that
 * outlived UPLOAD_LEASE_MS may have had its files handed over for deleting
 * (expireUploads) already: its row would point at missing files, so it is
 * refused (Unavailable 'media.storage_unavailable': storage that slow is the
 * one cause). The delete takes the rows' locks, so expireUploads and this
 * cannot both have an upload's files.
 */
export async function finishUpload(trx: Db, keys: string[]): Promise<void> {
  if ((await abandonUpload(trx, keys)) !== keys.length) {
    throw unavailable('media.storage_unavailable', new Error(`upload of ${keys[0]} outlived its lease of ${UPLOAD_LEASE_MS} ms`));
  }
}

/**
 * Forgets the record of an upload: of a failed one, whose files its own
 * clean-up deletes or records as pending deletes. Returns how many of `keys`
 * were still recorded.
 */
export async function abandonUpload(db: Db, keys: string[]): Promise<number> {
  const result = await db.deleteFrom('media_uploads').where('storage_key', 'in', keys).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Hands the files of uploads older than UPLOAD_LEASE_MS, which a crash cut
 * off before their row, to the pending deletes, up to `limit` in one
 * transaction. Rows another transaction holds (an upload finishing, another
 * instance expiring) are skipped, not waited for.
 */
export async function expireUploads(db: Db, now: Date, limit: number): Promise<void> {
  const startedBefore = new Date(now.getTime() - UPLOAD_LEASE_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    const expired = claimableRows(trx, trx.selectFrom('media_uploads').select('storage_key').where('started_at', '<', startedBefore).orderBy('started_at').limit(limit));
    const rows = await trx.deleteFrom('media_uploads').where('storage_key', 'in', expired).returning('storage_key').execute();
    if (rows.length > 0) await recordPendingDeletes(trx, rows.map((row) => row.storage_key), now);
  });
}

/** What claimChosenKeys found (see there). */
export type ChosenKeysClaim = { outcome: 'claimed' } | { outcome: 'stored'; mediaId: number } | { outcome: 'writing' | 'held'; key: string };

/**
 * How long after it began an upload counts as under way: every put it makes is
 * bounded far below this, so one older than this was cut off, and only the
 * clean-up will let go of its keys.
 */
export const UPLOAD_UNDER_WAY_MS = 60_000;

/**
 * Records the upload of an image whose keys the caller chose, as beginUpload
 * does, unless its files must not be written: its row is in already
 * (`stored`: another import of the same export stored it meanwhile), or
 * another upload under way is writing a key (`writing`: it will soon have
 * stored the row or let the key go), or a key is `held` by an upload cut off
 * (see UPLOAD_UNDER_WAY_MS) or by a file waiting to be deleted; writing it
 * would race the other upload, or the clean-up would delete it from under its
 * new row. Only an import chooses its keys (an export's); uploads make new
 * random ones.
 *
 * The record goes in first and the checks follow, in one transaction, so two
 * imports of one image cannot both write it nor one delete what the other's
 * row uses: on PostgreSQL an insert meeting another import's record waits for
 * its transaction, and a check made after it sees the row that transaction
 * inserted with it (finishUpload); on SQLite transactions run one at a time.
 * Nothing is recorded when the answer is not `claimed`.
 */
export async function claimChosenKeys(db: Db, keys: [string, ...string[]], now: Date): Promise<ChosenKeysClaim> {
  const started_at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const recorded = (
      await trx
        .insertInto('media_uploads')
        .values(keys.map((storage_key) => ({ storage_key, started_at })))
        .onConflict((conflict) => conflict.column('storage_key').doNothing())
        .returning('storage_key')
        .execute()
    ).map((row) => row.storage_key);
    const stored = await trx.selectFrom('media').select('id').where('storage_key', '=', keys[0]).executeTakeFirst();
    const deleting = new Set((await trx.selectFrom('pending_media_deletes').select('storage_key').where('storage_key', 'in', keys).execute()).map((row) => row.storage_key));
    const uploading = keys.filter((key) => !recorded.includes(key));
    const held = uploading[0] ?? keys.find((key) => deleting.has(key));
    if (!stored && held === undefined) return { outcome: 'claimed' };
    if (recorded.length > 0) await trx.deleteFrom('media_uploads').where('storage_key', 'in', recorded).execute();
    if (stored) return { outcome: 'stored', mediaId: stored.id };
    const underWaySince = new Date(now.getTime() - UPLOAD_UNDER_WAY_MS).toISOString();
    const writing =
      uploading.length > 0 &&
      deleting.size === 0 &&
      (await trx.selectFrom('media_uploads').select('storage_key').where('storage_key', 'in', uploading).where('started_at', '<', underWaySince).executeTakeFirst()) === undefined;
    return { outcome: writing ? 'writing' : 'held', key: held! };
  });
}
