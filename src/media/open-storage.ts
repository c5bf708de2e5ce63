import type { MediaStorageConfig } from '../config.js';
import { S3Storage } from './s3-storage.js';
import { LocalDiskStorage, type MediaStorage } from './storage.js';

/** The storage the configuration names: a folder in DATA_DIR, or an S3-compatible bucket. */
export function openStorage(config: MediaStorageConfig): MediaStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.root);
}
