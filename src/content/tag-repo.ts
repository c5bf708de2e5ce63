import type { Db } from '../db/database.js';
import { normalizeTags } from './tags.js';

/** Each article's tags in the editor's order; an article without tags has an empty list. */
export async function listTagsOfArticles(db: Db, articleIds: readonly number[]): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return tags;
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', [...new Set(articleIds)])
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  for (const row of rows) tags.get(row.article_id)?.push(row.name);
  return tags;
}

/**
 * Makes `names` (normalized already, see normalizeTags) the article's tags,
 * creating the tags that do not exist yet. Runs in the caller's transaction,
 * the one that saves the article. Two editors creating the same new tag at
 * once both succeed: the second insert yields to the first's row.
 */
async function replaceArticleTags(db: Db, articleId: number, names: readonly string[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (names.length === 0) return;
  await db
    .insertInto('tags')
    .values(names.map((name) => ({ name })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('name', 'in', [...names]).execute();
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  await db
    .insertInto('article_tags')
    .values(names.map((name, position) => ({ article_id: articleId, tag_id: idOf.get(name)!, position })))
    .execute();
}

/** A tag by its exact name. */
export async function findTagId(db: Db, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id;
}

/**
 * Checks and stores an article's tags when they are given (see normalizeTags,
 * which throws for bad ones), returning what the article then carries.
 */
export async function saveArticleTags(db: Db, articleId: number, tags: readonly string[] | undefined): Promise<string[]> {
  if (tags === undefined) return (await listTagsOfArticles(db, [articleId])).get(articleId)!;
  const names = normalizeTags(tags);
  await replaceArticleTags(db, articleId, names);
  return names;
}
