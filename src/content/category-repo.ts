import type { Db } from '../db/database.js';
import type { CategoryRow } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import type { Category } from './category.js';

function toCategory(row: CategoryRow): Category {
  return { id: row.id, parentId: row.parent_id, slug: row.slug, name: row.name, position: row.position };
}

export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(toCategory);
}

/** Throws NotFound 'content.category_not_found' unless the category exists. */
export async function requireCategory(db: Db, categoryId: number): Promise<void> {
  const category = await db.selectFrom('categories').select('id').where('id', '=', categoryId).executeTakeFirst();
  if (!category) throw notFound('content.category_not_found', { categoryId });
}

export async function insertCategory(
  db: Db,
  input: { slug: string; name: string; parentId: number | null; position: number },
  now: Date,
): Promise<Category> {
  const row = await db
    .insertInto('categories')
    .values({ slug: input.slug, name: input.name, parent_id: input.parentId, position: input.position, created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCategory(row);
}
