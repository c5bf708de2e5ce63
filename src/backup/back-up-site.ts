import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { invalid } from '../lib/errors.js';
import { copyMediaOut, listLocalMedia } from './local-media.js';
import { BACKUP_FORMAT, type BackupManifest, DATABASE_FILES, sha256File, writeManifest } from './manifest.js';
import { dumpPostgres } from './postgres-snapshot.js';
import { type OnBackupStep, startPhase } from './progress.js';
import { snapshotSqlite } from './sqlite-snapshot.js';

export interface BackUpSiteInput {
  database: DatabaseConfig;
  mediaRoot: string;
  /** A directory that does not exist yet, or an empty one. */
  dir: string;
  bendiVersion: string;
}

/**
 * Writes a backup of a site that may be serving meanwhile: a consistent
 * snapshot of the database, the media files, and last the manifest with
 * every file's checksum. Throws Invalid('backup.dir_not_empty') rather than
 * mix two backups in one directory.
 *
 * Media is copied after the database snapshot: files are only ever added, so
 * every image the snapshot refers to is already on disk by then. A file
 * uploaded later is copied too, and harmless.
 */
export async function backUpSite(input: BackUpSiteInput, onStep: OnBackupStep): Promise<BackupManifest> {
  const { database, mediaRoot, dir } = input;
  await fs.mkdir(dir, { recursive: true });
  if ((await fs.readdir(dir)).length > 0) throw invalid('backup.dir_not_empty', { dir });

  const databaseFile = DATABASE_FILES[database.kind];
  const databaseDone = startPhase(onStep, 'database', 1);
  const createdAt = new Date().toISOString();
  const target = path.join(dir, databaseFile);
  const { schemaVersion } = database.kind === 'sqlite' ? await snapshotSqlite(database.file, target) : await dumpPostgres(database.url, target);
  const checksums: Record<string, string> = { [databaseFile]: await sha256File(target) };
  databaseDone();

  const keys = await listLocalMedia(mediaRoot);
  Object.assign(checksums, await copyMediaOut(mediaRoot, keys, dir, startPhase(onStep, 'media', keys.length)));

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    bendiVersion: input.bendiVersion,
    schemaVersion,
    database: database.kind,
    createdAt,
    counts: { databaseFiles: 1, mediaFiles: keys.length },
    checksums,
  };
  await writeManifest(dir, manifest);
  return manifest;
}
