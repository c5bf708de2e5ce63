import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { type ArticleCard, categoryWithChildrenIds, countPublishedArticles, listPublishedArticles } from '../content/index.js';
import { notFound } from '../lib/errors.js';
import type { Script } from '../text/index.js';
import { toArticleSummaries } from './article-summaries.js';
import { categoryTrail } from './category-trail.js';
import { pageQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { rememberShared } from '../http/request-generation.js';
import { loadAds } from './ad-slots.js';
import { findSidebarCards, sidebarBlocks } from './sidebar.js';
import { loadSiteContext } from './site-chrome.js';
import { breadcrumbData } from './structured-data.js';
import { inScript, paths } from './urls.js';
import { CategoryPage } from './views/category.view.js';

const categorySchema = {
  params: {
    type: 'object',
    properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,60}$' } },
    required: ['slug'],
  },
  querystring: pageQuery,
} as const;

export function registerCategoryRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  app.get<{ Params: { slug: string }; Querystring: { page: number } }>(
    '/c/:slug',
    { schema: categorySchema },
    (request, reply) =>
      sendPage(request, reply, async () => {
        const now = deps.clock();
        const site = await loadSiteContext(deps, request, script);
        const category = site.categories.all.find((c) => c.slug === request.params.slug);
        if (!category) throw notFound('content.category_not_found');
        const link = (path: string) => inScript(path, script);
        const categoryIds = categoryWithChildrenIds(site.categories, category.id);
        const pageSize = site.settings.articlesPerPage;
        const page = request.query.page;
        // Shared by all the section's pages until content changes or PAGE_CACHE_SECONDS pass (see PageCache.remember),
        // as kept pages are: a scheduled article just gone live may wait that long for its place in the pager. Counting
        // 要闻's 12,000 articles took 0.5 ms of SQLite for each of its pages a crawler asked for (bench/crawler.bench.ts).
        const total = await rememberShared(request, `published-count|${categoryIds.join(',')}`, () =>
          countPublishedArticles(deps.db, now, { categoryIds }),
        );
        const pageCount = Math.max(1, Math.ceil(total / pageSize));
        if (page > pageCount) throw notFound('site.page_not_found');
        const articles = await listPublishedArticles(deps.db, {
          now,
          categoryIds,
          limit: pageSize,
          offset: (page - 1) * pageSize,
          pinnedFirst: true,
        });
        const sidebar = await findSidebarCards(deps, request, site.settings, { now, categoryIds, shown: articles.map((a) => a.id) });
        const sidebarCards = [...(sidebar.ranking?.cards ?? []), ...sidebar.recommended];
        const summaries = await toArticleSummaries(deps, [...articles, ...sidebarCards.filter((c) => !articles.some((a) => a.id === c.id))], site.categories, script);
        const byId = new Map(summaries.map((a) => [a.id, a]));
        const summaryOf = (cards: ArticleCard[]) => cards.map((c) => byId.get(c.id)!);
        const breadcrumb = categoryTrail(site.categories, category.id, link).slice(0, -1).concat({ name: category.name });
        const canonicalPath = paths.category(category.slug, page);
        const view = CategoryPage({
          chrome: site.chrome,
          meta: {
            title: page > 1 ? `${category.name}（${page}）` : category.name,
            description: `${site.settings.siteName}${category.name}栏目`,
            canonicalPath,
            structuredData: [breadcrumbData(site.chrome.origin, breadcrumb, site.chrome.origin + link(canonicalPath))],
          },
          name: category.name,
          breadcrumb,
          subcategories: site.categories.all
            .filter((c) => c.parentId === category.id)
            .map((c) => ({ name: c.name, href: link(paths.category(c.slug)) })),
          articles: summaryOf(articles),
          sidebar: sidebarBlocks(sidebar.ranking, sidebar.recommended, summaryOf, (await loadAds(deps, request, site)).forSlot('sidebar', { categoryId: category.id })),
          page,
          pageCount,
          pageHref: (p) => link(paths.category(category.slug, p)),
        });
        return renderDocument(view, script);
      }),
  );
}
