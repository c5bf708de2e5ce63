import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { countPublishedArticles, findTag, listPublishedArticles, MAX_TAG_CHARS } from '../content/index.js';
import { invalid, notFound } from '../lib/errors.js';
import type { Script } from '../text/index.js';
import { toArticleSummaries } from './article-summaries.js';
import { pageQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { rememberShared } from '../http/request-generation.js';
import { ui } from './messages.js';
import { loadSiteContext } from './site-chrome.js';
import { breadcrumbData } from './structured-data.js';
import { inScript, paths } from './urls.js';
import { CategoryPage } from './views/category.view.js';

/**
 * A character decomposes into at most four code points (U+1F82 ᾂ: α, psili, varia, ypogegrammeni), so a name
 * of MAX_TAG_CHARS stored characters sent decomposed is at most this long. The schema bounds the work by it;
 * the stored limit is checked on the name moved to NFC, so such a link is moved rather than refused.
 */
const MAX_TAG_NAME_SENT = MAX_TAG_CHARS * 4;

const tagSchema = {
  params: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: MAX_TAG_NAME_SENT } } },
  querystring: pageQuery,
} as const;

/**
 * A tag's pages end with the one that holds its 2,000th newest visible article: counting them all for the
 * pager took 82 ms on SQLite (blocking every other request) and 49 ms on PostgreSQL for a tag on each of
 * 60,000 articles, as sites tag everything 本地 (bench/article-lists.bench.ts). Its older articles are in
 * their categories' pages, the search and the sitemap.
 */
export const MAX_TAG_ARTICLES = 2_000;

/**
 * A tag's page lists its visible articles, newest first, paged like a
 * category, up to MAX_TAG_ARTICLES. A tag no visible article carries (unknown, or its articles all
 * withdrawn) is a 404: an empty page would be a soft 404 to search engines.
 * Tags are stored in NFC (normalizeTags): a name in another form (é as e and
 * its accent, as some keyboards and pasted links send it) is moved to the
 * stored one, so one tag has one address. A name in another case (nba for
 * NBA) shows the tag's page with the stored name as its canonical address:
 * a 301 would cost every request, cached pages too, a database query.
 */
export function registerTagRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  app.get<{ Params: { name: string }; Querystring: { page: number } }>('/t/:name', { schema: tagSchema }, (request, reply) => {
    const nfc = request.params.name.normalize('NFC');
    if ([...nfc].length > MAX_TAG_CHARS) throw invalid('content.tag_invalid', { tag: [...nfc].slice(0, 40).join('') });
    if (nfc !== request.params.name) return reply.redirect(inScript(paths.tag(nfc, request.query.page), script), 301);
    return sendPage(request, reply, async () => {
      const now = deps.clock();
      const { page } = request.query;
      const tag = await findTag(deps.db, nfc);
      if (tag === undefined) throw notFound('site.page_not_found');
      // Shared by all the tag's pages until content changes or PAGE_CACHE_SECONDS pass, as a section's count is (see
      // category.routes.ts): 本地's took 0.6 ms of SQLite for each of its pages a crawler asked for. A count of none
      // is not kept: a tag whose only article is scheduled has its page the moment that article goes live.
      const total = await rememberShared(
        request,
        `tag-count|${tag.id}`,
        () => countPublishedArticles(deps.db, now, { tagId: tag.id }, MAX_TAG_ARTICLES),
        (count) => count > 0,
      );
      if (total === 0) throw notFound('site.page_not_found');
      const site = await loadSiteContext(deps, request, script);
      const pageSize = site.settings.articlesPerPage;
      const pageCount = Math.ceil(total / pageSize);
      if (page > pageCount) throw notFound('site.page_not_found');
      const articles = await listPublishedArticles(deps.db, { now, tagId: tag.id, limit: pageSize, offset: (page - 1) * pageSize });
      // NBA asked as nba is the same tag (foldTagName): shown, and made canonical, as it is stored.
      const { name } = tag;
      const link = (path: string) => inScript(path, script);
      const title = ui.tagTitle(name);
      const breadcrumb = [{ name: ui.home, href: link(paths.home()) }, { name: title }];
      const canonicalPath = paths.tag(name, page);
      const view = CategoryPage({
        chrome: site.chrome,
        meta: {
          title: page > 1 ? `${title}（${page}）` : title,
          description: ui.tagDescription(site.settings.siteName, name),
          canonicalPath,
          structuredData: [breadcrumbData(site.chrome.origin, breadcrumb, site.chrome.origin + link(canonicalPath))],
        },
        name: title,
        breadcrumb,
        subcategories: [],
        articles: await toArticleSummaries(deps, articles, site.categories, script),
        page,
        pageCount,
        pageHref: (p) => link(paths.tag(name, p)),
      });
      return renderDocument(view, script);
    });
  });
}
