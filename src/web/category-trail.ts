import type { CategoryTree } from '../content/index.js';
import { ui } from './messages.js';
import { paths } from './urls.js';
import type { Crumb } from './views/breadcrumb.js';

/** 首页 / section / category: the start of the breadcrumb on category and article pages. */
export function categoryTrail(categories: CategoryTree, categoryId: number, link: (path: string) => string): Crumb[] {
  const category = categories.byId.get(categoryId);
  const parent = category?.parentId == null ? undefined : categories.byId.get(category.parentId);
  const crumbs: Crumb[] = [{ name: ui.home, href: link(paths.home()) }];
  for (const c of [parent, category]) if (c) crumbs.push({ name: c.name, href: link(paths.category(c.slug)) });
  return crumbs;
}
