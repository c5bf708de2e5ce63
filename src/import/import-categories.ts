import { type Category, insertCategory, isValidCategorySlug, listCategories } from '../content/index.js';
import type { Db } from '../db/database.js';
import { findMapped, recordMapped } from './import-map.js';
import type { WxrCategory } from './wxr-records.js';

/**
 * A bendi slug (lowercase letters, digits, hyphens) from a WordPress one,
 * which may be percent-encoded Chinese: the Latin part is kept, and a slug
 * with none gets one from the term's id.
 *
 * @example categorySlugFrom('Local_News', '7') → 'local-news'; categorySlugFrom('%e6%96%b0%e9%97%bb', '7') → 'wp-7'
 */
export function categorySlugFrom(slug: string, termId: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // Kept as written.
  }
  const latin = decoded.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return isValidCategorySlug(latin) ? latin : `wp-${termId.replace(/\D/g, '') || '0'}`;
}

export type CategoryOutcome = { id: number; kind: 'created' | 'existing' | 'merged' | 'flattened' };

/**
 * The bendi category a WordPress category becomes. One with the slug of a
 * category bendi has already is merged into it. bendi nests one level deep,
 * so a grandchild is placed under its top-level ancestor (kind 'flattened').
 * `parents` maps the export's slugs to the categories made so far.
 */
export async function importCategory(
  db: Db,
  source: string,
  category: WxrCategory,
  parents: ReadonlyMap<string, number>,
  now: Date,
): Promise<CategoryOutcome> {
  const key = category.slug || category.termId;
  const mapped = await findMapped(db, source, 'category', key);
  if (mapped !== undefined) return { id: mapped, kind: 'existing' };
  const slug = categorySlugFrom(category.slug, category.termId);
  const all = await listCategories(db);
  const same = all.find((c) => c.slug === slug);
  if (same) {
    await recordMapped(db, source, 'category', key, same.id, now);
    return { id: same.id, kind: 'merged' };
  }
  const parent = topLevelParent(all, parents.get(category.parentSlug));
  const created = await insertCategory(
    db,
    { slug, name: category.name.trim().slice(0, 50) || slug, parentId: parent?.id ?? null, position: all.length },
    now,
  );
  await recordMapped(db, source, 'category', key, created.id, now);
  const flattened = parent !== undefined && parent.id !== parents.get(category.parentSlug);
  return { id: created.id, kind: flattened ? 'flattened' : 'created' };
}

/** The parent a new category may have: the one named, or its own parent when that one is a child already. */
function topLevelParent(all: Category[], parentId: number | undefined): Category | undefined {
  const parent = all.find((c) => c.id === parentId);
  if (!parent || parent.parentId === null) return parent;
  return all.find((c) => c.id === parent.parentId);
}
