import type { MediaStorageConfig } from '../config.js';
import { LocalDiskStorage, type MediaStorage } from './storage.js';

/**
 * The storage the configuration names: a folder in DATA_DIR, or an S3-compatible bucket.
 * The AWS SDK is imported only for a bucket: it adds about 13 MB and a tenth of a second to a start that does not use it.
 */
export async function openStorage(config: MediaStorageConfig): Promise<MediaStorage> {
  if (config.kind === 'local') return new LocalDiskStorage(config.root);
  const { S3Storage } = await import('./s3-storage.js');
  return new S3Storage(config);
}
