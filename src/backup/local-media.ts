import fs from 'node:fs/promises';
import path from 'node:path';
import { isSafeMediaKey } from '../media/index.js';

/**
 * The media keys under `root` (LocalDiskStorage's folder), sorted: a restore
 * refuses a folder that already has some. Only names bendi gives its files
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
