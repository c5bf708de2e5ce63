import type { Db } from '../db/database.js';
import type { ImportMapTable } from '../db/schema.js';

export type MappedKind = ImportMapTable['kind'];

/** What the import made of one thing it read before, or undefined: running an import again finds its earlier work here. */
export async function findMapped(db: Db, source: string, kind: MappedKind, key: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('import_map')
    .select('target_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_key', '=', key)
    .executeTakeFirst();
  return row?.target_id;
}

/** Records it in the caller's transaction, with what it made: both commit or neither does. */
export async function recordMapped(db: Db, source: string, kind: MappedKind, key: string, targetId: number, now: Date): Promise<void> {
  await db.insertInto('import_map').values({ source, kind, source_key: key, target_id: targetId, created_at: now.toISOString() }).execute();
}

/**
 * Records it unless it is recorded already: for what can only be made once,
 * whoever makes it (an image is the one row with its file's key), so that
 * another import of the same source, running at the same time, recorded the
 * same target.
 */
export async function recordMappedOnce(db: Db, source: string, kind: MappedKind, key: string, targetId: number, now: Date): Promise<void> {
  await db
    .insertInto('import_map')
    .values({ source, kind, source_key: key, target_id: targetId, created_at: now.toISOString() })
    .onConflict((conflict) => conflict.columns(['source', 'kind', 'source_key']).doNothing())
    .execute();
}

/**
 * The form an old address is kept and looked up in: the path without a
 * trailing slash, percent-decoded (an export may spell a Chinese slug either
 * way), or `/?p=ID` for WordPress's plain links. Undefined for the home page
 * and for anything that is not a URL.
 *
 * @example oldUrlKey('https://example.com/2024/05/%E6%96%B0%E9%97%BB/') → '/2024/05/新闻'
 */
export function oldUrlKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://old.invalid');
  } catch {
    return undefined;
  }
  const postId = parsed.searchParams.get('p');
  // From the first of the trailing slashes only: tried from each one of a long run, the pattern ran to its end every time.
  let path = parsed.pathname.replace(/(?<!\/)\/+$/, '');
  if (!path) return postId && /^\d+$/.test(postId) ? `/?p=${postId}` : undefined;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is part of the path as it was written.
  }
  return path.toLowerCase();
}

/** Keeps an old address for the article, unless another article has it already (then the first one keeps it). */
export async function recordOldUrl(db: Db, key: string, articleId: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('old_urls')
    .values({ path: key, article_id: articleId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('path').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The article an old address now belongs to, when readers may see it: a withdrawn or scheduled one stays a 404. */
export async function findPublishedOldUrlArticle(db: Db, key: string, now: Date): Promise<number | undefined> {
  const row = await db
    .selectFrom('old_urls')
    .innerJoin('articles', 'articles.id', 'old_urls.article_id')
    .select('articles.id')
    .where('old_urls.path', '=', key)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString())
    .executeTakeFirst();
  return row?.id;
}
