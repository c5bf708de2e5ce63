import type { Db } from '../db/database.js';
import { MEDIA_URL_PREFIX } from './media-url.js';

export type MediaPlace = 'lead' | 'body';

/** An article that shows an image, and where. */
export interface MediaUse {
  articleId: number;
  title: string;
  status: string;
  places: MediaPlace[];
}

const BODY_IMAGE = new RegExp(`<img\\b[^>]*?\\ssrc="${MEDIA_URL_PREFIX}([^"]+)"`, 'g');

/** The storage keys of this site's images in a sanitized body (the sanitizer always writes src="…" in double quotes). */
export function bodyMediaKeys(bodyHtml: string): string[] {
  return [...new Set([...bodyHtml.matchAll(BODY_IMAGE)].map((m) => m[1]!))];
}

/**
 * Records which images an article shows, replacing what was recorded
 * before: call it in the transaction that saves the article's body or lead
 * image. Body images are found by their /media/ path; paths of files bendi
 * does not know are ignored.
 */
export async function recordMediaUses(db: Db, articleId: number, article: { leadImageId: number | null; bodyHtml: string }): Promise<void> {
  await db.deleteFrom('media_uses').where('article_id', '=', articleId).execute();
  const keys = bodyMediaKeys(article.bodyHtml);
  const bodyIds = keys.length === 0 ? [] : await db.selectFrom('media').select('id').where('storage_key', 'in', keys).execute();
  const rows = [
    ...(article.leadImageId === null ? [] : [{ media_id: article.leadImageId, article_id: articleId, place: 'lead' as const }]),
    ...bodyIds.map((m) => ({ media_id: m.id, article_id: articleId, place: 'body' as const })),
  ];
  if (rows.length > 0) await db.insertInto('media_uses').values(rows).execute();
}

/** The articles that show an image, newest first, each once with every place it is shown in. */
export async function listMediaUses(db: Db, mediaId: number): Promise<MediaUse[]> {
  const rows = await db
    .selectFrom('media_uses')
    .innerJoin('articles', 'articles.id', 'media_uses.article_id')
    .select(['articles.id', 'articles.title', 'articles.status', 'media_uses.place'])
    .where('media_uses.media_id', '=', mediaId)
    .orderBy('articles.id', 'desc')
    .orderBy('media_uses.place')
    .execute();
  const uses = new Map<number, MediaUse>();
  for (const row of rows) {
    const use = uses.get(row.id) ?? { articleId: row.id, title: row.title, status: row.status, places: [] };
    use.places.push(row.place);
    uses.set(row.id, use);
  }
  return [...uses.values()];
}
