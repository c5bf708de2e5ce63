import { randomBytes } from 'node:crypto';
import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { encodeOriginal, encodeVariants } from './encode-image.js';
import { IMAGE_FORMATS, readImageInfo } from './image-info.js';
import { type MediaItem, type MediaVariant, storedKeysOf } from './media.js';
import { insertMedia } from './media-repo.js';
import { recordPendingDeletes } from './pending-deletes.js';
import { resolveWatermark, type WatermarkSettings } from './resolve-watermark.js';
import type { MediaStorage } from './storage.js';
import { abandonUpload, beginUpload, finishUpload } from './uploads-in-progress.js';

/** Screen readers read it whole, so keep it to a sentence or two. */
export const MAX_ALT_LENGTH = 200;

export interface UploadImageInput {
  data: Buffer;
  /** Required: what the picture shows, for readers who cannot see it. */
  altText: string;
  /** The site's watermark settings; omitted, nothing is stamped. */
  watermark?: WatermarkSettings;
  /** Who uploaded it, for the audit log and the library; omitted for bendi's own images (the demo). */
  actor?: AuditActor;
  /** As the uploader's computer named it, for finding it in the library; at most MAX_FILE_NAME_LENGTH characters are kept. */
  fileName?: string;
}

export const MAX_FILE_NAME_LENGTH = 200;

/** Trimmed; throws Invalid 'content.image_alt_required' or 'media.alt_too_long'. */
export function checkedAltText(altText: string): string {
  const trimmed = altText.trim();
  if (!trimmed) throw invalid('content.image_alt_required');
  if ([...trimmed].length > MAX_ALT_LENGTH) throw invalid('media.alt_too_long', { maxLength: MAX_ALT_LENGTH });
  return trimmed;
}

/** `2026/05/3f9c…`: a month folder keeps directories small, random names keep URLs unguessable. */
const newStorageBase = (now: Date) => `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomBytes(8).toString('hex')}`;

/**
 * Stores an uploaded picture: checked by its bytes, turned upright, cleaned
 * of metadata (a phone photo's GPS position would reveal where a source
 * lives), stamped with the site's mark, and copied to WebP at srcset widths
 * (those WebP can hold: a long image keeps its original, and fewer copies).
 * Throws Invalid: 'content.image_alt_required', 'media.alt_too_long',
 * 'media.too_large', 'media.unsupported_image', 'media.too_many_pixels',
 * 'media.corrupt_image', 'media.encode_failed', 'media.too_slow';
 * Unavailable: 'media.storage_unavailable'. A failed upload leaves no files:
 * those storage cannot delete at once are recorded and retried until they are
 * gone, and those of an upload a crash cut off are found (expireUploads).
 *
 * @example uploadImage(deps, { data, altText: '青溪大桥夜景', watermark: await getSiteSettings(db), actor }, now)
 */
export async function uploadImage(deps: { db: Db; storage: MediaStorage }, input: UploadImageInput, now: Date): Promise<MediaItem> {
  const stored = await storeImageFiles(deps, input, now);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const fileName = [...(input.fileName ?? '').trim()].slice(0, MAX_FILE_NAME_LENGTH).join('');
      const item = await insertStoredImage(trx, stored, now, { fileName, uploadedBy: input.actor?.id ?? null });
      if (input.actor) {
        await recordAudit(
          trx,
          { actor: input.actor, action: 'media.upload', targetType: 'media', targetId: item.id, details: { contentType: item.contentType, width: item.width, height: item.height, byteSize: item.byteSize } },
          now,
        );
      }
      return item;
    });
  } catch (error) {
    await discardImageFiles(deps, storedKeysOf(stored), now);
    throw error;
  }
}

/**
 * Inserts the row of an image whose files storeImageFiles wrote, ending the
 * record of their upload (finishUpload), in the caller's transaction `trx`.
 * Throws as insertMedia and finishUpload.
 */
export async function insertStoredImage(trx: Db, stored: Omit<MediaItem, 'id'>, now: Date, origin?: Parameters<typeof insertMedia>[3]): Promise<MediaItem> {
  await finishUpload(trx, storedKeysOf(stored));
  return insertMedia(trx, stored, now, origin);
}

/**
 * Nothing refers to the files of a failed upload, so they go too: those
 * written are deleted now, and what is left is recorded for the retry
 * (PendingDeleteWorker), in place of the upload's record (all its `keys`).
 * `unconfirmed` are the files whose put failed: they go
 * straight to the retry, since a store cut off after it had the whole file
 * keeps it though its answer never came, and trying them now would hold the
 * editor's answer for another time bound when the store has stopped answering.
 */
async function discardFiles(deps: { db: Db; storage: MediaStorage }, files: { keys: string[]; written: string[]; unconfirmed: string[] }, now: Date): Promise<void> {
  const deletes = await Promise.allSettled(files.written.map((key) => deps.storage.delete(key)));
  const left = [...files.written.filter((_, i) => deletes[i]!.status === 'rejected'), ...files.unconfirmed];
  // The upload's own error is the one to report: with the database down as well, the upload's record
  // stays, and its files are handed to the retry when it expires (expireUploads).
  await deps.db
    .transaction()
    .execute(async (trx) => {
      if (left.length > 0) await recordPendingDeletes(trx, left, now);
      await abandonUpload(trx, files.keys);
    })
    .catch(() => undefined);
}

/**
 * The file half of uploadImage: writes the picture and its variants to
 * storage and returns the row to insert, so a caller can insert it inside a
 * transaction of its own (the demo seeds everything in one) with
 * insertStoredImage. Throws as uploadImage.
 */
export async function storeImageFiles(deps: { db: Db; storage: MediaStorage }, input: Omit<UploadImageInput, 'actor' | 'fileName'>, now: Date): Promise<Omit<MediaItem, 'id'>> {
  const altText = checkedAltText(input.altText);
  const info = await readImageInfo(input.data);
  const mark = input.watermark && (await resolveWatermark(deps, input.watermark));
  const original = await encodeOriginal(input.data, info, mark);
  const encodedVariants = await encodeVariants(original, info);

  const base = newStorageBase(now);
  const { contentType, extension } = IMAGE_FORMATS[info.format];
  const storageKey = `${base}.${extension}`;
  const variants: MediaVariant[] = encodedVariants.map((v) => ({
    width: v.width,
    height: v.height,
    key: `${base}-${v.width}.webp`,
    contentType: 'image/webp',
  }));
  const stored = { storageKey, contentType, width: info.width, height: info.height, byteSize: original.length, altText, variants };
  const files: [ImageFile, ...ImageFile[]] = [
    { key: storageKey, data: original, contentType },
    ...encodedVariants.map((v, i) => ({ key: variants[i]!.key, data: v.data, contentType: 'image/webp' })),
  ];
  // Files first: a row must never point at a missing file. Recorded before the first is written (see writeImageFiles).
  await beginUpload(deps.db, storedKeysOf(stored), now);
  await writeImageFiles(deps, files, now);
  return stored;
}

/** A file of an image as it goes to storage. */
export interface ImageFile {
  key: string;
  data: Buffer;
  contentType: string;
}

/**
 * Writes an image's files, the original first and then its copies at once.
 * The caller records them as an upload first (beginUpload, or
 * claimChosenKeys for keys it chose): a crash from then until the image's row
 * (insertStoredImage) leaves files that expireUploads finds. When a put
 * fails, the files are discarded (discardFiles) and the failure is thrown.
 */
export async function writeImageFiles(deps: { db: Db; storage: MediaStorage }, [original, ...copies]: [ImageFile, ...ImageFile[]], now: Date): Promise<void> {
  const files = { keys: [original, ...copies].map((file) => file.key), written: [] as string[], unconfirmed: [] as string[] };
  const put = ({ key, data, contentType }: ImageFile) =>
    deps.storage.put(key, data, contentType).then(
      () => void files.written.push(key),
      (error: unknown) => {
        files.unconfirmed.push(key);
        throw error;
      },
    );
  try {
    await put(original);
    // Every put settles before the clean-up: a delete sent while a put is still under way could land first and leave its file.
    const puts = await Promise.allSettled(copies.map(put));
    const failed = puts.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await discardFiles(deps, files, now);
    throw error;
  }
}

/** Discards the files writeImageFiles wrote for an image whose row could not be inserted (see discardFiles). */
export function discardImageFiles(deps: { db: Db; storage: MediaStorage }, keys: string[], now: Date): Promise<void> {
  return discardFiles(deps, { keys, written: keys, unconfirmed: [] }, now);
}
