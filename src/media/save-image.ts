import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { invalid } from '../lib/errors.js';
import type { Db } from '../db/database.js';
import type { MediaItem } from './media.js';
import { insertMedia } from './media-repo.js';
import type { MediaStorage } from './storage.js';

const FORMAT_TYPES: Record<string, { contentType: string; extension: string }> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  gif: { contentType: 'image/gif', extension: 'gif' },
};

/**
 * Stores an image and records it with its text alternative. The format is
 * read from the bytes themselves, never from a file name or declared type.
 * Throws Invalid('media.unsupported_image') when the bytes are not a JPEG, PNG, WebP or GIF.
 */
export async function saveImage(
  deps: { db: Db; storage: MediaStorage },
  input: { data: Buffer; altText: string },
  now: Date,
): Promise<MediaItem> {
  const metadata = await sharp(input.data)
    .metadata()
    .catch(() => undefined);
  const format = metadata?.format ? FORMAT_TYPES[metadata.format] : undefined;
  if (!metadata || !format || !metadata.width || !metadata.height) throw invalid('media.unsupported_image');
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const storageKey = `${month}/${randomBytes(8).toString('hex')}.${format.extension}`;
  await deps.storage.put(storageKey, input.data, format.contentType);
  return insertMedia(
    deps.db,
    {
      storageKey,
      contentType: format.contentType,
      width: metadata.width,
      height: metadata.height,
      byteSize: input.data.length,
      altText: input.altText,
    },
    now,
  );
}
