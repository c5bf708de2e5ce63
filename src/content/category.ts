export interface Category {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  position: number;
}

/** Categories as the navigation shows them: top level in order, each with its children in order. */
export interface CategoryTree {
  all: Category[];
  topLevel: Array<Category & { children: Category[] }>;
  byId: Map<number, Category>;
}

export function buildCategoryTree(categories: Category[]): CategoryTree {
  const sorted = [...categories].sort((a, b) => a.position - b.position || a.id - b.id);
  const topLevel = sorted
    .filter((c) => c.parentId === null)
    .map((c) => ({ ...c, children: sorted.filter((child) => child.parentId === c.id) }));
  return { all: sorted, topLevel, byId: new Map(sorted.map((c) => [c.id, c])) };
}

/** A category and its children: a section page lists the articles of all of them. */
export function categoryWithChildrenIds(tree: CategoryTree, categoryId: number): number[] {
  return [categoryId, ...tree.all.filter((c) => c.parentId === categoryId).map((c) => c.id)];
}

/** Slugs are permanent URL parts: lowercase letters, digits and hyphens. */
export function isValidCategorySlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 60;
}
