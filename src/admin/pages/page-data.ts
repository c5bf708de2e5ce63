import type { Category } from '../../content/index.js';
import { buildCategoryTree } from '../../content/index.js';
import { findMediaItems } from '../../media/index.js';
import type { AppDeps } from '../../app-deps.js';
import type { PickedImage, SelectOption } from '../views/admin-model.js';
import type { PageLinks } from '../views/pagination.js';

/** Categories in navigation order, children indented under their parent, for a select. */
export function categoryOptions(categories: Category[]): SelectOption[] {
  return buildCategoryTree(categories).topLevel.flatMap((top) => [
    { value: String(top.id), label: top.name },
    ...top.children.map((child) => ({ value: String(child.id), label: `\u3000${child.name}` })),
  ]);
}

/** Uploaded images by id, as pickers show them; ids without an image are absent. */
export async function pickedImages(deps: AppDeps, ids: ReadonlyArray<number | null>): Promise<Map<number, PickedImage>> {
  const items = await findMediaItems(deps.db, ids);
  return new Map([...items].map(([id, item]) => [id, { id, url: deps.storage.urlFor(item.storageKey), alt: item.altText }]));
}

/** A link to the same page with some query parameters changed; empty values are left out. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Previous and next links for a paged list, keeping the list's filters; without a page count, `hasNext` says whether there is more. */
export function pageLinks(path: string, query: Record<string, string | undefined>, page: number, pageCount: number | undefined, hasNext = false): PageLinks {
  return {
    page,
    pages: pageCount,
    previous: page > 1 ? withQuery(path, { ...query, page: page - 1 }) : undefined,
    next: (pageCount ? page < pageCount : hasNext) ? withQuery(path, { ...query, page: page + 1 }) : undefined,
  };
}
