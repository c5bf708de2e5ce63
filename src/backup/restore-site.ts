import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';
import { migrations } from '../db/migrations/index.js';
import { conflict, invalid } from '../lib/errors.js';
import { copyMediaIn, listLocalMedia } from './local-media.js';
import { type BackupManifest, DATABASE_FILES, MEDIA_DIR, readManifest, verifyChecksums } from './manifest.js';
import { isPostgresEmpty, restorePostgres } from './postgres-snapshot.js';
import { type OnBackupStep, startPhase } from './progress.js';
import { isSqliteEmpty, restoreSqlite } from './sqlite-snapshot.js';

export interface RestoreSiteInput {
  /** Where the backup is: a directory backUpSite wrote. */
  dir: string;
  database: DatabaseConfig;
  mediaRoot: string;
}

/**
 * Brings a backup back into an empty database and an empty media directory.
 * Every check comes before the first write, so a refused restore changes
 * nothing. Throws Invalid: 'backup.not_a_backup', 'backup.other_database_kind',
 * 'backup.newer_schema', 'backup.checksum_mismatch' (with the file); and
 * Conflict('backup.target_not_empty'): a restore never overwrites a site.
 * The caller migrates the restored database up to date afterwards.
 */
export async function restoreSite(input: RestoreSiteInput, onStep: OnBackupStep): Promise<BackupManifest> {
  const { dir, database, mediaRoot } = input;
  const manifest = await readManifest(dir);
  if (manifest.database !== database.kind) throw invalid('backup.other_database_kind', { backup: manifest.database, target: database.kind });
  if (!Object.hasOwn(migrations, manifest.schemaVersion)) throw invalid('backup.newer_schema', { schemaVersion: manifest.schemaVersion });
  const databaseEmpty = database.kind === 'sqlite' ? await isSqliteEmpty(database.file) : await isPostgresEmpty(database.url);
  if (!databaseEmpty || (await listLocalMedia(mediaRoot)).length > 0) throw conflict('backup.target_not_empty');
  await verifyChecksums(dir, manifest, startPhase(onStep, 'verify', Object.keys(manifest.checksums).length));

  const databaseDone = startPhase(onStep, 'database', 1);
  const source = path.join(dir, DATABASE_FILES[manifest.database]);
  await (database.kind === 'sqlite' ? restoreSqlite(source, database.file) : restorePostgres(source, database.url));
  databaseDone();

  const keys = Object.keys(manifest.checksums)
    .filter((file) => file.startsWith(`${MEDIA_DIR}/`))
    .map((file) => file.slice(MEDIA_DIR.length + 1));
  await fs.mkdir(mediaRoot, { recursive: true });
  await copyMediaIn(dir, keys, mediaRoot, startPhase(onStep, 'media', keys.length));
  return manifest;
}
