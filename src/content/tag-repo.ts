import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { type ListColumn, listColumn } from '../db/list-column.js';
import { preparedByIds } from '../db/prepared-query.js';
import { foldTagName, withoutFoldedDuplicates } from './tag-folding.js';
import { normalizeTags } from './tags.js';

/** Each article's tags in the editor's order; an article without tags has an empty list. */
export async function listTagsOfArticles(db: Db, articleIds: readonly number[]): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return tags;
  for (const row of await tagsOfArticles(db, {}, articleIds)) tags.get(row.article_id)?.push(row.name);
  return tags;
}

const tagsOfArticles = preparedByIds((db, _values: object, ids) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', ids)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position'),
);

/**
 * The tags of the `articles` row a query reads, in the editor's order, as one column (see listColumn): an
 * article and its tags in one statement. Read it with listOf.
 */
export const tagNamesColumn = (db: Db): RawBuilder<ListColumn<string>> =>
  listColumn(
    db,
    sql<string>`tags.name`,
    sql`from article_tags join tags on tags.id = article_tags.tag_id where article_tags.article_id = articles.id`,
    sql`article_tags.position`,
  );

/**
 * Makes `names` (normalized already, see normalizeTags) the article's tags,
 * creating the tags that do not exist yet, and returns them as stored: a tag
 * that exists keeps its spelling (nba given, NBA stored). Runs in the
 * caller's transaction, the one that saves the article. Two editors creating
 * the same new tag at once, in any case, both succeed: the second insert
 * yields to the first's row (tags.folded is unique).
 */
async function replaceArticleTags(db: Db, articleId: number, names: readonly string[]): Promise<string[]> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (names.length === 0) return [];
  const keys = names.map(foldTagName);
  // In one order for every writer: two saves of the same new tags given in other orders would each take one
  // unique entry and wait for the other's (a deadlock, one of them refused). No conflict target: a tag an
  // older instance inserted without its folded name (see TagTable) conflicts on the name instead.
  const newRows = names.map((name, i) => ({ name, folded: keys[i]! })).sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
  await db
    .insertInto('tags')
    .values(newRows)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await tagsByFoldedName(db, names);
  await db
    .insertInto('article_tags')
    .values(keys.map((key, position) => ({ article_id: articleId, tag_id: stored.get(key)!.id, position })))
    .execute();
  return keys.map((key) => stored.get(key)!.name);
}

/**
 * The stored tags `names` stand for, by folded name (see foldTagName). A tag without its folded name
 * (see TagTable) is found by its exact name, and one with it is preferred.
 */
async function tagsByFoldedName(db: Db, names: readonly string[]): Promise<Map<string, { id: number; name: string }>> {
  const keys = names.map(foldTagName);
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name', 'folded'])
    .where((eb) => eb.or([eb('folded', 'in', keys), eb('name', 'in', [...names])]))
    .orderBy('id')
    .execute();
  const found = new Map<string, { id: number; name: string }>();
  for (const row of rows) {
    const key = row.folded ?? foldTagName(row.name);
    if (!found.has(key) || row.folded !== null) found.set(key, { id: row.id, name: row.name });
  }
  return found;
}

/**
 * Tag names as the site spells them: a name that stands for a stored tag in the stored spelling
 * (nba, NBA stored: NBA), any other as given; names that fold to one (see foldTagName) taken once.
 */
export async function inStoredSpelling(db: Db, names: readonly string[]): Promise<string[]> {
  const distinct = withoutFoldedDuplicates(names);
  if (distinct.length === 0) return [];
  const stored = await tagsByFoldedName(db, distinct);
  return distinct.map((name) => stored.get(foldTagName(name))?.name ?? name);
}

/** The tag a name stands for, in any case or Unicode form (see foldTagName), with its stored name. */
export async function findTag(db: Db, name: string): Promise<{ id: number; name: string } | undefined> {
  return (await tagsByFoldedName(db, [name.normalize('NFC')])).get(foldTagName(name));
}

/**
 * Checks and stores an article's tags when they are given (see normalizeTags,
 * which throws for bad ones), returning what the article then carries.
 */
export async function saveArticleTags(db: Db, articleId: number, tags: readonly string[] | undefined): Promise<string[]> {
  if (tags === undefined) return (await listTagsOfArticles(db, [articleId])).get(articleId)!;
  return replaceArticleTags(db, articleId, normalizeTags(tags));
}
