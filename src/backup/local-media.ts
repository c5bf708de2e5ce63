import fs from 'node:fs/promises';
import path from 'node:path';
import { isSafeMediaKey } from '../media/index.js';
import { type BackupManifest, MEDIA_DIR, sha256File } from './manifest.js';

/**
 * The first media file under `root` (LocalDiskStorage's folder) that is not
 * one of the backup's own, byte for byte, or undefined when there is none.
 * A restore that stopped part-way leaves some of the backup's files here,
 * each whole (LocalDiskStorage renames a file into place), and writing them
 * again changes nothing; any other file belongs to another site, and a
 * restore never mixes two sites' media. Only names bendi gives its files
 * count: a half-written upload (LocalDiskStorage's `*.tmp`) is not one.
 */
export async function firstMediaNotInBackup(root: string, manifest: BackupManifest): Promise<string | undefined> {
  for (const key of await listLocalMedia(root)) {
    const expected = manifest.checksums[`${MEDIA_DIR}/${key}`];
    if (expected === undefined || (await sha256File(path.join(root, key))) !== expected) return key;
  }
  return undefined;
}

/** The media keys under `root`, sorted. */
async function listLocalMedia(root: string): Promise<string[]> {
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
