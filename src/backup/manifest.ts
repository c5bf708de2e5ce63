import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DatabaseConfig, MediaStorageConfig } from '../config.js';
import { invalid } from '../lib/errors.js';
import { isSafeMediaKey } from '../media/index.js';

/** What a backup holds, written last into its directory: a backup without it is unfinished. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  bendiVersion: string;
  /** The newest migration the database had: a restore refuses a backup newer than its own code. */
  schemaVersion: string;
  database: DatabaseConfig['kind'];
  /** Where the media was copied from; absent in backups made before bendi could back up a bucket. Either restores into either. */
  mediaStorage?: MediaStorageConfig['kind'];
  /** ISO 8601, UTC: when the database snapshot was taken. */
  createdAt: string;
  counts: { databaseFiles: number; mediaFiles: number };
  /** SHA-256 (hex) of every file, by its path inside the backup directory ('/'-separated). */
  checksums: Record<string, string>;
}

export const BACKUP_FORMAT = 'bendi-backup/1';
export const MANIFEST_FILE = 'manifest.json';
export const MEDIA_DIR = 'media';
export const DATABASE_FILES: Record<DatabaseConfig['kind'], string> = { sqlite: 'database.sqlite', postgres: 'database.pgdump' };

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Written to a temporary name and renamed, so a manifest is either whole or absent. */
export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const file = path.join(dir, MANIFEST_FILE);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
}

/**
 * The manifest of the backup in `dir`. Throws Invalid('backup.not_a_backup')
 * when it is missing, unreadable, of another format, or names a file outside
 * the backup's own layout (a path such as ../../etc/passwd is never restored).
 */
export async function readManifest(dir: string): Promise<BackupManifest> {
  const refuse = () => invalid('backup.not_a_backup', { dir });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch {
    throw refuse();
  }
  const databaseFile = DATABASE_FILES[manifest?.database];
  const files = Object.keys(manifest?.checksums ?? {});
  const layoutOk =
    manifest.format === BACKUP_FORMAT &&
    typeof manifest.schemaVersion === 'string' &&
    databaseFile !== undefined &&
    files.includes(databaseFile) &&
    files.every((f) => f === databaseFile || (f.startsWith(`${MEDIA_DIR}/`) && isSafeMediaKey(f.slice(MEDIA_DIR.length + 1))));
  if (!layoutOk) throw refuse();
  return manifest;
}

/**
 * Checks every file the manifest lists against its checksum, before anything
 * is restored. Throws Invalid('backup.checksum_mismatch') naming the first
 * file that is missing or differs.
 */
export async function verifyChecksums(dir: string, manifest: BackupManifest, onFile: () => void): Promise<void> {
  for (const [file, expected] of Object.entries(manifest.checksums)) {
    const actual = await sha256File(path.join(dir, file)).catch(() => 'missing');
    if (actual !== expected) throw invalid('backup.checksum_mismatch', { file });
    onFile();
  }
}
