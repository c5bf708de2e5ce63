import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { categoryWithChildrenIds, type CategoryTree } from '../content/index.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { shownReaderTime, startOfChinaDay } from '../lib/china-time.js';
import { searchArticles, type SearchResult } from '../search/index.js';
import type { Script } from '../text/index.js';
import { ui } from './messages.js';
import { loadSiteContext } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import { type SearchFilters, type SearchOutcome, SearchPage } from './views/search.view.js';
import { pageNumber } from '../http/route-schemas.js';

const DAY_MS = 86_400_000;

/**
 * Every field may come empty, as a form sends it. The query's own limit (100
 * characters) is checked by the search, which says so in Chinese; this one
 * only keeps megabyte-long addresses from reaching it.
 */
const searchQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 2000, default: '' },
    c: { type: 'string', pattern: '^([a-z0-9-]{1,60})?$', default: '' },
    from: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', default: '' },
    to: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', default: '' },
    page: pageNumber,
  },
  additionalProperties: false,
} as const;

type SearchQuerystring = { q: string; c: string; from: string; to: string; page: number };

/** /search?q=…: the site's articles by the words in them, in either script. */
export function registerSearchRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  app.get<{ Querystring: SearchQuerystring }>('/search', { schema: { querystring: searchQuery } }, (request, reply) =>
    sendPage(request, reply, async () => {
      const site = await loadSiteContext(deps, request, script);
      const filters: SearchFilters = { query: request.query.q.trim(), categorySlug: request.query.c, from: request.query.from, to: request.query.to };
      const { page } = request.query;
      const pageSize = site.settings.articlesPerPage;
      const from = chinaDay(filters.from);
      const to = chinaDay(filters.to);
      const category = site.categories.all.find((c) => c.slug === filters.categorySlug);
      const result = filters.query
        ? await searchArticles(deps.db, {
            query: filters.query,
            now: deps.clock(),
            // An unknown category finds nothing rather than everything.
            ...(filters.categorySlug ? { categoryIds: category ? categoryWithChildrenIds(site.categories, category.id) : [] } : {}),
            ...(from ? { from } : {}),
            ...(to ? { before: new Date(to.getTime() + DAY_MS) } : {}),
            page,
            pageSize,
          })
        : undefined;
      const link = (path: string) => inScript(path, script);
      const view = SearchPage({
        chrome: site.chrome,
        // Result pages are endless and say nothing an article page does not: kept out of search engines.
        meta: { title: filters.query ? ui.searchResultsTitle(filters.query) : ui.searchTitle, description: ui.searchLabel, noindex: true },
        action: link(paths.search()),
        filters,
        categories: site.categories.all.map((c) => ({ slug: c.slug, name: c.name })),
        browse: site.categories.topLevel.map((c) => ({ name: c.name, href: link(paths.category(c.slug)) })),
        outcome: toOutcome(result, site.categories, script),
        page,
        pageCount: result ? Math.max(1, Math.ceil(result.total / pageSize)) : 1,
        pageHref: (p) => link(paths.search({ q: filters.query, c: filters.categorySlug, from: filters.from, to: filters.to, page: p })),
      });
      return renderDocument(view, script);
    }, { pool: 'queries' }),
  );
}

function toOutcome(result: SearchResult | undefined, categories: CategoryTree, script: Script): SearchOutcome {
  if (!result) return { kind: 'empty-query' };
  if (result.words.length === 0) return { kind: 'no-words' };
  return {
    kind: 'found',
    total: result.total,
    more: result.more,
    hits: result.hits.map((hit) => ({
      id: hit.id,
      href: inScript(paths.article(hit.id), script),
      title: hit.title,
      excerpt: hit.excerpt,
      categoryName: categories.byId.get(hit.categoryId)?.name,
      publishedAt: shownReaderTime(hit.publishedAt),
    })),
  };
}

const chinaDay = (day: string) => (day ? startOfChinaDay(day) : undefined);
