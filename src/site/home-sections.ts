import { listCategories } from '../content/index.js';
import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';

/**
 * Refuses home sections that name no top-level category: a typo would
 * otherwise drop a section from the home page without a word. (A category
 * deleted later is skipped by the home page instead.)
 */
export async function checkHomeSections(db: Db, slugs: readonly string[] | undefined): Promise<void> {
  if (!slugs?.length) return;
  const topLevel = new Set((await listCategories(db)).filter((c) => c.parentId === null).map((c) => c.slug));
  const unknown = slugs.find((slug) => !topLevel.has(slug));
  if (unknown !== undefined) throw invalid('site.unknown_home_section', { slug: unknown, field: 'homeSections' });
}
