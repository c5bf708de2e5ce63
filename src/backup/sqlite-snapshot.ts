import fs from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { MediaRow } from '../db/schema.js';
import { invalid } from '../lib/errors.js';
import { LATEST_MIGRATION, MEDIA_FILES, mediaKeysOf, type Snapshot } from './snapshot.js';

/**
 * Copies the live database at `file` into `target` with SQLite's online
 * backup API while the site keeps writing, and reads the copy's schema
 * version and media files.
 * Throws Invalid('backup.no_database') when there is no database at `file`.
 *
 * The copy is made in one step, under one read transaction: in WAL mode that
 * blocks no writer, whereas a copy in small steps restarts whenever another
 * process writes between two steps, and so may never finish on a busy site.
 */
export async function snapshotSqlite(file: string, target: string): Promise<Snapshot> {
  if (!(await fs.stat(file).catch(() => undefined))) throw invalid('backup.no_database', { file });
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(target, { readonly: true });
  try {
    return {
      schemaVersion: String(copy.prepare(LATEST_MIGRATION).pluck().get()),
      mediaKeys: mediaKeysOf(copy.prepare(MEDIA_FILES).all() as Array<Pick<MediaRow, 'storage_key' | 'variants'>>),
    };
  } finally {
    copy.close();
  }
}

/** True when there is no database at `file`, or one without a single table. */
export async function isSqliteEmpty(file: string): Promise<boolean> {
  if (!(await fs.stat(file).catch(() => undefined))) return true;
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() === 0;
  } finally {
    db.close();
  }
}

/**
 * Puts the snapshot `source` in place as the database `file`, which
 * isSqliteEmpty has found empty. A leftover write-ahead log of that empty
 * database would be replayed into the restored one, so it goes first.
 */
export async function restoreSqlite(source: string, file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await Promise.all(['', '-wal', '-shm'].map((suffix) => fs.rm(`${file}${suffix}`, { force: true })));
  const temporary = `${file}.${process.pid}.restoring`;
  await fs.copyFile(source, temporary);
  await fs.rename(temporary, file);
}
