import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { migrations } from '../db/migrations/index.js';
import { conflict, invalid } from '../lib/errors.js';
import { LocalDiskStorage, type MediaStorage } from '../media/index.js';
import { firstMediaNotInBackup } from './local-media.js';
import { copyMediaIn } from './media-files.js';
import { type BackupManifest, DATABASE_FILES, MEDIA_DIR, readManifest, verifyChecksums } from './manifest.js';
import { isPostgresEmpty, requirePgRestore, restorePostgres } from './postgres-snapshot.js';
import { type OnBackupStep, startPhase } from './progress.js';
import { isSqliteEmpty, restoreSqlite } from './sqlite-snapshot.js';

export interface RestoreSiteInput {
  /** Where the backup is: a directory backUpSite wrote. */
  dir: string;
  database: DatabaseConfig;
  /** Where the media goes: a folder on local disk or an S3-compatible bucket, whichever the backup came from. */
  storage: MediaStorage;
}

/**
 * Brings a backup back into an empty database and its media into `storage`:
 * a folder with no file but the backup's own, or a bucket. A bucket is not
 * required to be empty, since bendi cannot list one: keys are random and
 * never reused, so a file the restore writes over is the very same file (a
 * bucket that outlived its database), and other files are never used. Every
 * check comes before the first write, so a refused restore changes nothing.
 * Throws Invalid: 'backup.not_a_backup', 'backup.other_database_kind',
 * 'backup.newer_schema', 'backup.checksum_mismatch' (with the file),
 * 'backup.pg_tools_missing', 'backup.pg_tools_too_old';
 * Conflict('backup.target_not_empty') when the database has tables and
 * Conflict('backup.media_not_empty') with the key of a file in the folder
 * that is not the backup's: a restore never overwrites a site;
 * Unavailable('backup.media_store_unavailable') with the key. The caller
 * migrates the restored database up to date afterwards.
 *
 * A restore that stopped part-way (a bucket out of reach, a database that
 * refused the load, a killed process) can simply be run again. Media goes
 * first and the database last, in one step that is whole or not at all (a
 * pg_restore transaction, a SQLite file renamed into place): until then the
 * database is empty and the folder holds nothing but backup files, which the
 * rerun accepts and writes again. After it, the restore is done: a site
 * migrates its database when it starts.
 */
export async function restoreSite(input: RestoreSiteInput, onStep: OnBackupStep): Promise<BackupManifest> {
  const { dir, database, storage } = input;
  const manifest = await readManifest(dir);
  if (manifest.database !== database.kind) throw invalid('backup.other_database_kind', { backup: manifest.database, target: database.kind });
  if (!Object.hasOwn(migrations, manifest.schemaVersion)) throw invalid('backup.newer_schema', { schemaVersion: manifest.schemaVersion });
  if (database.kind === 'postgres') await requirePgRestore(database.url);
  const databaseEmpty = database.kind === 'sqlite' ? await isSqliteEmpty(database.file) : await isPostgresEmpty(database.url);
  if (!databaseEmpty) throw conflict('backup.target_not_empty');
  const otherFile = storage instanceof LocalDiskStorage ? await firstMediaNotInBackup(storage.root, manifest) : undefined;
  if (otherFile !== undefined) throw conflict('backup.media_not_empty', { key: otherFile });
  await verifyChecksums(dir, manifest, startPhase(onStep, 'verify', Object.keys(manifest.checksums).length));

  const keys = Object.keys(manifest.checksums)
    .filter((file) => file.startsWith(`${MEDIA_DIR}/`))
    .map((file) => file.slice(MEDIA_DIR.length + 1));
  await copyMediaIn(dir, keys, storage, startPhase(onStep, 'media', keys.length));

  const databaseDone = startPhase(onStep, 'database', 1);
  const source = path.join(dir, DATABASE_FILES[manifest.database]);
  await (database.kind === 'sqlite' ? restoreSqlite(source, database.file) : restorePostgres(source, database.url));
  databaseDone();
  return manifest;
}
