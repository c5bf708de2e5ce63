import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, listStaffUsers } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { type ArticleStatus, filterQuery, listArticlesForStaff, listCategories, listSavedFilters, STATUS_NAMES } from '../../content/index.js';
import { shownDateTime } from '../../lib/china-time.js';
import { am } from '../views/admin-messages.js';
import { ArticleListPage } from '../views/article-list.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { categoryOptions, pageLinks, withQuery } from './page-data.js';

const PAGE_SIZE = 20;
const STATUSES = Object.keys(STATUS_NAMES) as ArticleStatus[];

// The filter form sends every field, empty ones as '', so numbers are taken as digit strings.
const digits = { type: 'string', pattern: '^\\d{0,9}$' } as const;
const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['', ...STATUSES] },
    categoryId: digits,
    authorId: digits,
    title: { type: 'string', maxLength: 100 },
    page: digits,
    // After a batch: how many articles it moved, for the notice.
    done: digits,
  },
} as const;

export interface ListQuery {
  status?: ArticleStatus | '';
  categoryId?: string;
  authorId?: string;
  title?: string;
  page?: string;
  done?: string;
}

const positive = (text: string | undefined) => (text && Number(text) > 0 ? Number(text) : undefined);

export const articleListRoute = (deps: AppDeps) => ({ preHandler: staffPage(deps, 'article.view'), schema: { querystring: listQuery } });

/** The article list, at /admin/articles for everyone and at /admin for editors (see dashboard.routes.ts). */
export function registerArticleListPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: ListQuery }>('/admin/articles', articleListRoute(deps), (request, reply) => sendArticleList(deps, request, reply, '/admin/articles'));
}

export async function sendArticleList(deps: AppDeps, request: FastifyRequest<{ Querystring: ListQuery }>, reply: FastifyReply, path: string): Promise<FastifyReply> {
  const q = request.query;
  const { role } = request.staff!;
  const filters = { status: q.status ?? '', categoryId: q.categoryId ?? '', authorId: q.authorId ?? '', title: q.title?.trim() ?? '' };
  const page = positive(q.page) ?? 1;
  const [{ articles, total }, categories, staff, chrome, saved] = await Promise.all([
    listArticlesForStaff(deps.db, {
      status: filters.status || undefined,
      categoryId: positive(filters.categoryId),
      authorId: positive(filters.authorId),
      title: filters.title || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    listCategories(deps.db),
    listStaffUsers(deps.db),
    adminChrome(deps, request, am.list.title, 'admin'),
    listSavedFilters(deps.db, request.staff!.id),
  ]);
  const currentQuery = filterQuery(new URLSearchParams(filters).toString());
  const categoryNames = new Map(categories.map((c) => [c.id, c.name]));
  const staffNames = new Map(staff.map((u) => [u.id, u.displayName]));
  const tabs = [{ status: '', label: am.list.all }, ...STATUSES.map((s) => ({ status: s, label: STATUS_NAMES[s] }))].map((tab) => ({
    label: tab.label,
    href: withQuery(path, { ...filters, status: tab.status }),
    current: tab.status === filters.status,
  }));
  const view = ArticleListPage({
    chrome,
    path,
    tabs,
    filters,
    categories: categoryOptions(categories),
    authors: staff.map((u) => ({ value: String(u.id), label: u.displayName })),
    rows: articles.map((a) => ({
      id: a.id,
      title: a.title,
      category: categoryNames.get(a.categoryId) ?? '',
      status: a.status,
      statusName: STATUS_NAMES[a.status],
      writer: (a.createdBy !== null && staffNames.get(a.createdBy)) || '',
      byline: a.author ?? '',
      updatedAt: shownDateTime(a.updatedAt),
      publishedAt: a.publishedAt && shownDateTime(a.publishedAt),
      reads: a.counts.reads,
      comments: a.counts.comments,
      marks: (['headline', 'recommended', 'pinned'] as const).filter((mark) => a.flags[mark]).map((mark) => am.list.marks[mark]),
      version: a.version,
    })),
    total,
    pages: pageLinks(path, filters, page, Math.max(1, Math.ceil(total / PAGE_SIZE))),
    canCreate: can(role, 'article.create'),
    batch: {
      review: can(role, 'article.review'),
      edit: can(role, 'article.edit'),
      deleteDrafts: can(role, 'article.create'),
      categories: categoryOptions(categories),
    },
    notice: positive(q.done) ? am.list.done(Number(q.done)) : undefined,
    savedFilters: saved.map((filter) => ({ id: filter.id, name: filter.name, href: `${path}?${filter.query}`, current: filter.query === currentQuery })),
    filterQuery: currentQuery,
  });
  return sendAdminPage(reply, view);
}
