import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { backUpSite, type BackupStep, restoreSite } from '../backup/index.js';
import type { Config } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { openStorage } from '../media/index.js';
import { progressDisplay } from './progress-display.js';

const BACKUP_PHASES: Record<BackupStep['phase'], string> = {
  verify: 'checking checksums',
  database: 'database',
  media: 'media files',
};

/** `npx bendi backup DIR`: returns the line that says what was written. */
export async function backUp(config: Config, dir: string): Promise<string> {
  const packageJson = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const progress = progressDisplay(process.stderr, BACKUP_PHASES);
  try {
    const manifest = await backUpSite(
      { database: config.database, storage: await openStorage(config.mediaStorage), dir: path.resolve(dir), bendiVersion: packageJson.version },
      progress.onStep,
    );
    return `backed up the ${manifest.database} database (schema ${manifest.schemaVersion}) and ${manifest.counts.mediaFiles} media files to ${path.resolve(dir)}`;
  } finally {
    progress.stop();
  }
}

/** `npx bendi restore DIR`: restores, then migrates the restored database up to date; returns what it did. */
export async function restore(config: Config, dir: string): Promise<string> {
  const progress = progressDisplay(process.stderr, BACKUP_PHASES);
  let manifest;
  try {
    manifest = await restoreSite({ dir: path.resolve(dir), database: config.database, storage: await openStorage(config.mediaStorage) }, progress.onStep);
  } finally {
    progress.stop();
  }
  const handle = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(handle);
    const migrated = applied.length > 0 ? `, then applied ${applied.length} migrations` : '';
    return `restored the ${manifest.database} database of ${manifest.createdAt} and ${manifest.counts.mediaFiles} media files from ${path.resolve(dir)}${migrated}`;
  } finally {
    await handle.db.destroy();
  }
}
