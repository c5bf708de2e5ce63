import type { Db } from '../db/database.js';
import { preparedByIds } from '../db/prepared-query.js';
import type { MediaRow } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { type MediaItem, type MediaVariant, storedKeysOf } from './media.js';

const variantsOf = (row: Pick<MediaRow, 'variants'>) => JSON.parse(row.variants) as MediaVariant[];

/** A media item from its row's columns (a join may read just these). */
export function toMediaItem(row: Pick<MediaRow, 'id' | 'storage_key' | 'content_type' | 'width' | 'height' | 'byte_size' | 'alt_text' | 'variants'>): MediaItem {
  return {
    id: row.id,
    storageKey: row.storage_key,
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size,
    altText: row.alt_text,
    variants: variantsOf(row),
  };
}

/** The stored files of a row read on its own, as a backup reads its database snapshot. */
export const storedKeysOfRow = (row: Pick<MediaRow, 'storage_key' | 'variants'>): string[] =>
  storedKeysOf({ storageKey: row.storage_key, variants: variantsOf(row) });

/** `origin`: the uploader's file name and account, for the library's search and filter; absent for bendi's own images. */
export async function insertMedia(db: Db, item: Omit<MediaItem, 'id'>, now: Date, origin: { fileName?: string; uploadedBy?: number | null } = {}): Promise<MediaItem> {
  const row = await db
    .insertInto('media')
    .values({
      file_name: origin.fileName ?? '',
      uploaded_by: origin.uploadedBy ?? null,
      storage_key: item.storageKey,
      content_type: item.contentType,
      width: item.width,
      height: item.height,
      byte_size: item.byteSize,
      alt_text: item.altText,
      variants: JSON.stringify(item.variants),
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMediaItem(row);
}

/** Throws NotFound('media.not_found') when there is no such item. */
export async function getMediaItem(db: Db, id: number): Promise<MediaItem> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('media.not_found');
  return toMediaItem(row);
}

/** The given media items by id; ids that do not exist are simply absent from the map. */
export async function findMediaItems(db: Db, ids: ReadonlyArray<number | null>): Promise<Map<number, MediaItem>> {
  const wanted = ids.filter((id): id is number => id !== null);
  if (wanted.length === 0) return new Map();
  const rows = await mediaByIds(db, {}, wanted);
  return new Map(rows.map((r) => [r.id, toMediaItem(r)]));
}

const mediaByIds = preparedByIds((db, _values: object, ids) => db.selectFrom('media').selectAll().where('id', 'in', ids));
