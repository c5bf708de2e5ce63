// The media half of a backup, through MediaStorage: the same for a folder on
// local disk and an S3-compatible bucket, and the same layout in the backup
// (media/<key>), so a backup of one restores into the other.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, notFound } from '../lib/errors.js';
import { forEachAtMost } from '../lib/for-each-at-most.js';
import { contentTypeOf, type MediaStorage } from '../media/index.js';
import { MEDIA_DIR, sha256File } from './manifest.js';

/** Files copied at once: a bucket answers each request in tens of milliseconds, and a few in flight hide that without crowding it. */
const PARALLEL_COPIES = 4;

/** The store's own 'media.storage_unavailable', naming the file the backup or restore stopped at. */
function naming(key: string, error: unknown): unknown {
  if (!(error instanceof AppError && error.code === 'media.storage_unavailable')) return error;
  return Object.assign(new AppError('Unavailable', 'backup.media_store_unavailable', { key }), { cause: error });
}

/**
 * Copies each key from `storage` into the backup `dir` and returns each
 * copy's checksum by its path in the backup. Throws NotFound
 * 'backup.media_missing' when the store has no such file, and Unavailable
 * 'backup.media_store_unavailable' when it cannot be reached, both with the key.
 */
export async function copyMediaOut(storage: MediaStorage, keys: string[], dir: string, onFile: () => void): Promise<Record<string, string>> {
  const checksums = new Map<string, string>();
  await forEachAtMost(keys, PARALLEL_COPIES, async (key) => {
    const file = await storage.open(key).catch((error: unknown) => {
      throw naming(key, error);
    });
    if (!file) throw notFound('backup.media_missing', { key });
    const target = path.join(dir, MEDIA_DIR, key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await pipeline(file.body, createWriteStream(target, { flags: 'wx' }));
    checksums.set(key, await sha256File(target));
    onFile();
  });
  // In the keys' order rather than the order the copies ended in, so two backups of one site list their files alike.
  return Object.fromEntries(keys.map((key) => [`${MEDIA_DIR}/${key}`, checksums.get(key)!]));
}

/**
 * Puts each key from the backup `dir` into `storage`, with the content type
 * its extension names (bendi stores only images it made). Throws Unavailable
 * 'backup.media_store_unavailable' with the key when the store cannot be reached.
 */
export async function copyMediaIn(dir: string, keys: string[], storage: MediaStorage, onFile: () => void): Promise<void> {
  await forEachAtMost(keys, PARALLEL_COPIES, async (key) => {
    const data = await fs.readFile(path.join(dir, MEDIA_DIR, key));
    await storage.put(key, data, contentTypeOf(key)).catch((error: unknown) => {
      throw naming(key, error);
    });
    onFile();
  });
}
