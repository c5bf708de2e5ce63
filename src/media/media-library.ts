import type { Db } from '../db/database.js';
import { contains } from '../db/contains-pattern.js';
import { countRows } from '../db/count-rows.js';
import { toDate } from '../lib/db-values.js';
import type { MediaItem } from './media.js';
import { toMediaItem } from './media-repo.js';
import { countMediaUses } from './media-uses.js';

export interface MediaLibraryQuery {
  /** Part of the 说明 (alt text) or of the file name. */
  text?: string;
  contentType?: string;
  uploaderId?: number;
  limit: number;
  offset: number;
}

/** An image as the library lists it: who uploaded it, when, and how many things use it (articles, 专题, ads, site settings). */
export interface MediaLibraryItem extends MediaItem {
  fileName: string;
  uploader: { id: number; name: string } | null;
  createdAt: Date;
  useCount: number;
}

function filtered(db: Db, query: MediaLibraryQuery) {
  let q = db.selectFrom('media');
  if (query.text) {
    const text = query.text;
    q = q.where(({ or }) => or([contains('media.alt_text', text), contains('media.file_name', text)]));
  }
  if (query.contentType) q = q.where('media.content_type', '=', query.contentType);
  if (query.uploaderId) q = q.where('media.uploaded_by', '=', query.uploaderId);
  return q;
}

/** The library's page: newest upload first, with the total for paging. */
export async function listMediaLibrary(db: Db, query: MediaLibraryQuery): Promise<{ items: MediaLibraryItem[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(db, query)
      .leftJoin('users', 'users.id', 'media.uploaded_by')
      .selectAll('media')
      .select('users.display_name as uploader_name')
      .select((eb) => countMediaUses(eb).as('use_count'))
      .orderBy('media.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    countRows(filtered(db, query)),
  ]);
  const items = rows.map((row) => ({
    ...toMediaItem(row),
    fileName: row.file_name,
    uploader: row.uploaded_by !== null && row.uploader_name !== null ? { id: row.uploaded_by, name: row.uploader_name } : null,
    createdAt: toDate(row.created_at),
    useCount: Number(row.use_count),
  }));
  return { items, total };
}

/** The staff who have uploaded images, by name, for the library's uploader filter. */
export async function listUploaders(db: Db): Promise<Array<{ id: number; name: string }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', (eb) => eb.selectFrom('media').select('uploaded_by').where('uploaded_by', 'is not', null).$narrowType<{ uploaded_by: number }>())
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
