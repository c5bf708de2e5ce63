import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { invalid } from '../lib/errors.js';
import { LocalDiskStorage, type MediaStorage } from '../media/index.js';
import { copyMediaOut } from './media-files.js';
import { BACKUP_FORMAT, type BackupManifest, DATABASE_FILES, sha256File, writeManifest } from './manifest.js';
import { dumpPostgres } from './postgres-snapshot.js';
import { type OnBackupStep, startPhase } from './progress.js';
import { snapshotSqlite } from './sqlite-snapshot.js';

export interface BackUpSiteInput {
  database: DatabaseConfig;
  /** Where the site keeps its media: a folder on local disk or an S3-compatible bucket. */
  storage: MediaStorage;
  /** A directory that does not exist yet, or an empty one. */
  dir: string;
  bendiVersion: string;
}

/**
 * Writes a backup of a site that may be serving meanwhile: a consistent
 * snapshot of the database, every media file the snapshot refers to, and
 * last the manifest with every file's checksum. Throws
 * Invalid('backup.dir_not_empty') rather than mix two backups in one
 * directory; NotFound('backup.media_missing') or
 * Unavailable('backup.media_store_unavailable') with the key of a file the
 * store does not have or cannot give. A backup that fails leaves its
 * directory empty again, never a backup that looks finished.
 *
 * Media is copied after the database snapshot: an upload stores its files
 * before its row, so every file the snapshot refers to is in the store by
 * then. Files uploaded later are not copied: the snapshot cannot use them.
 */
export async function backUpSite(input: BackUpSiteInput, onStep: OnBackupStep): Promise<BackupManifest> {
  const { dir } = input;
  await fs.mkdir(dir, { recursive: true });
  if ((await fs.readdir(dir)).length > 0) throw invalid('backup.dir_not_empty', { dir });
  try {
    return await writeBackup(input, onStep);
  } catch (error) {
    // The directory was empty: everything in it now is this backup's, half written.
    await Promise.all((await fs.readdir(dir)).map((entry) => fs.rm(path.join(dir, entry), { recursive: true, force: true })));
    throw error;
  }
}

async function writeBackup({ database, storage, dir, bendiVersion }: BackUpSiteInput, onStep: OnBackupStep): Promise<BackupManifest> {
  const databaseFile = DATABASE_FILES[database.kind];
  const databaseDone = startPhase(onStep, 'database', 1);
  const createdAt = new Date().toISOString();
  const target = path.join(dir, databaseFile);
  const { schemaVersion, mediaKeys } = database.kind === 'sqlite' ? await snapshotSqlite(database.file, target) : await dumpPostgres(database.url, target);
  const checksums: Record<string, string> = { [databaseFile]: await sha256File(target) };
  databaseDone();

  Object.assign(checksums, await copyMediaOut(storage, mediaKeys, dir, startPhase(onStep, 'media', mediaKeys.length)));

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    bendiVersion,
    schemaVersion,
    database: database.kind,
    mediaStorage: storage instanceof LocalDiskStorage ? 'local' : 's3',
    createdAt,
    counts: { databaseFiles: 1, mediaFiles: mediaKeys.length },
    checksums,
  };
  await writeManifest(dir, manifest);
  return manifest;
}
