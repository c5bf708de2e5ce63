import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { type Category, isValidCategorySlug } from './category.js';
import { insertCategory, listCategories } from './category-repo.js';
import { auditActor, type StaffActor } from './staff-actor.js';

export interface CategoryInput {
  slug: string;
  name: string;
  parentId: number | null;
  position: number;
}

/** One level of nesting: a child's parent must itself be top level, and a category with children cannot become one. */
function checkPlacement(categories: Category[], id: number | null, parentId: number | null): void {
  if (parentId === null) return;
  const parent = categories.find((c) => c.id === parentId);
  if (!parent) throw notFound('content.category_not_found', { parentId });
  if (parent.parentId !== null || parent.id === id) throw invalid('categories.too_deep');
  if (id !== null && categories.some((c) => c.parentId === id)) throw invalid('categories.too_deep');
}

export async function createCategory(db: Db, input: CategoryInput, actor: StaffActor, now: Date): Promise<Category> {
  const slug = input.slug.trim().toLowerCase();
  const name = input.name.trim();
  if (!isValidCategorySlug(slug)) throw invalid('categories.invalid_slug');
  if (!name) throw invalid('request.invalid', { field: 'name' });
  const categories = await listCategories(db);
  if (categories.some((c) => c.slug === slug)) throw conflict('categories.slug_taken');
  checkPlacement(categories, null, input.parentId);
  return db.transaction().execute(async (trx) => {
    const category = await insertCategory(trx, { ...input, slug, name }, now);
    await recordAudit(trx, { actor: auditActor(actor), action: 'category.create', targetType: 'category', targetId: category.id, details: { slug, name } }, now);
    return category;
  });
}

/**
 * Renames, moves or reorders a category. The slug is part of public URLs,
 * which are permanent, so it cannot be changed here.
 */
export async function updateCategory(
  db: Db,
  id: number,
  changes: Partial<Pick<CategoryInput, 'name' | 'parentId' | 'position'>>,
  actor: StaffActor,
  now: Date,
): Promise<Category> {
  const categories = await listCategories(db);
  const category = categories.find((c) => c.id === id);
  if (!category) throw notFound('content.category_not_found');
  if (changes.parentId !== undefined) checkPlacement(categories, id, changes.parentId);
  const name = changes.name?.trim();
  if (changes.name !== undefined && !name) throw invalid('request.invalid', { field: 'name' });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('categories')
      .set({
        ...(name ? { name } : {}),
        ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
        ...(changes.position !== undefined ? { position: changes.position } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actor: auditActor(actor), action: 'category.update', targetType: 'category', targetId: id, details: changes }, now);
  });
  return (await listCategories(db)).find((c) => c.id === id)!;
}

/** Deletes a category that holds no articles (of any status) and no children. */
export async function deleteCategory(db: Db, id: number, actor: StaffActor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const category = await trx.selectFrom('categories').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
    if (!category) throw notFound('content.category_not_found');
    const child = await trx.selectFrom('categories').select('id').where('parent_id', '=', id).executeTakeFirst();
    const article = await trx.selectFrom('articles').select('id').where('category_id', '=', id).executeTakeFirst();
    if (child || article) throw conflict('categories.not_empty');
    await trx.deleteFrom('categories').where('id', '=', id).execute();
    await recordAudit(trx, { actor: auditActor(actor), action: 'category.delete', targetType: 'category', targetId: id, details: { slug: category.slug } }, now);
  });
}
