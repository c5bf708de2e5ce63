// The media half of a backup, for media on local disk (LocalDiskStorage under
// DATA_DIR/media). Media in an object store needs its own pair of functions
// with the same contract: list the bucket's keys and download each object
// into the backup; upload each file back on restore.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isSafeMediaKey } from '../media/index.js';
import { MEDIA_DIR, sha256File } from './manifest.js';

/**
 * The media keys under `root`, sorted. Only names bendi gives its files
 * count: a half-written upload (LocalDiskStorage's `*.tmp`) is not one.
 */
export async function listLocalMedia(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter(isSafeMediaKey)
    .sort();
}

/** Copies each key from `root` into the backup `dir`; returns each copy's checksum by its path in the backup. */
export async function copyMediaOut(root: string, keys: string[], dir: string, onFile: () => void): Promise<Record<string, string>> {
  const checksums: Record<string, string> = {};
  for (const key of keys) {
    const target = path.join(dir, MEDIA_DIR, key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(root, key), target);
    checksums[`${MEDIA_DIR}/${key}`] = await sha256File(target);
    onFile();
  }
  return checksums;
}

/** Copies each key from the backup `dir` into `root`, each through a temporary name so the site never serves half a file. */
export async function copyMediaIn(dir: string, keys: string[], root: string, onFile: () => void): Promise<void> {
  for (const key of keys) {
    const target = path.join(root, key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(dir, MEDIA_DIR, key), `${target}.${process.pid}.tmp`);
    await fs.rename(`${target}.${process.pid}.tmp`, target);
    onFile();
  }
}
