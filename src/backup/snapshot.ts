import type { MediaRow } from '../db/schema.js';
import { storedKeysOfRow } from '../media/index.js';

/** What a backup reads from its own database snapshot, in the snapshot's own moment. */
export interface Snapshot {
  /** The newest migration the database had: a restore refuses a backup newer than its own code. */
  schemaVersion: string;
  /** Every media file the snapshot's rows refer to (originals and variants), sorted: the files the backup must hold. */
  mediaKeys: string[];
}

/** Kysely's migrator records each migration by name. */
export const LATEST_MIGRATION = 'select max(name) as name from kysely_migration';
export const MEDIA_FILES = 'select storage_key, variants from media';

export const mediaKeysOf = (rows: Array<Pick<MediaRow, 'storage_key' | 'variants'>>): string[] => [...new Set(rows.flatMap(storedKeysOfRow))].sort();
