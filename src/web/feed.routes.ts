import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { type Category, categoryWithChildrenIds, listPublishedArticlesWithBody } from '../content/index.js';
import { notFound } from '../lib/errors.js';
import { noQuery } from '../http/route-schemas.js';
import { sendPage } from '../http/send-page.js';
import { type Script, toTraditional } from '../text/index.js';
import { atomDocument, type FeedChannel, rssDocument } from './feed-document.js';
import { loadSiteContext, type SiteContext } from './site-chrome.js';
import { absoluteUrl, type FeedFormat, inScript, paths } from './urls.js';

/** Feed readers poll often and show the latest; older articles are on the site. */
const FEED_ENTRIES = 30;

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};
const WRITERS = { rss: rssDocument, atom: atomDocument } as const;

const categoryParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,60}$' } },
  required: ['slug'],
} as const;

/**
 * RSS 2.0 and Atom feeds of the whole site (/feed.xml, /atom.xml) and of each
 * category with its children (/c/:slug/feed.xml …), in the page's script.
 * They go through the page cache like pages, so a withdrawal (which clears
 * it) takes an article out of every feed at the next request.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  for (const format of ['rss', 'atom'] as const) {
    app.get(paths.feed(format), { schema: { querystring: noQuery } }, (request, reply) => sendFeed(deps, request, reply, script, format, undefined));
    app.get<{ Params: { slug: string } }>(paths.feed(format, ':slug'), { schema: { params: categoryParams, querystring: noQuery } }, (request, reply) =>
      sendFeed(deps, request, reply, script, format, request.params.slug),
    );
  }
}

function sendFeed(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, script: Script, format: FeedFormat, slug: string | undefined) {
  return sendPage(
    request,
    reply,
    async () => {
      const site = await loadSiteContext(deps, request, script);
      const category = slug === undefined ? undefined : site.categories.all.find((c) => c.slug === slug);
      if (slug !== undefined && !category) throw notFound('content.category_not_found');
      const articles = await listPublishedArticlesWithBody(deps.db, {
        now: deps.clock(),
        ...(category && { categoryIds: categoryWithChildrenIds(site.categories, category.id) }),
        limit: FEED_ENTRIES,
      });
      const url = (path: string) => site.chrome.origin + inScript(path, script);
      const entries = articles.map((article) => ({
        article,
        url: url(paths.article(article.id)),
        section: site.categories.byId.get(article.categoryId)?.name,
      }));
      const xml = WRITERS[format](feedChannel(site, category, script, url), entries);
      return script === 'hant' ? toTraditional(xml) : xml;
    },
    { contentType: CONTENT_TYPES[format] },
  );
}

function feedChannel(site: SiteContext, category: Category | undefined, script: Script, url: (path: string) => string): FeedChannel {
  const { settings, chrome } = site;
  return {
    title: category ? `${category.name} - ${settings.siteName}` : settings.siteName,
    // RSS requires a description; a site without a tagline still has its name.
    description: (category ? `${settings.siteName}${category.name}栏目` : settings.tagline) || settings.siteName,
    pageUrl: url(category ? paths.category(category.slug) : paths.home()),
    rssUrl: url(paths.feed('rss', category?.slug)),
    atomUrl: url(paths.feed('atom', category?.slug)),
    origin: chrome.origin,
    siteName: settings.siteName,
    imageUrl: absoluteUrl(chrome.origin, chrome.shareImage.src),
    script,
    content: settings.feedContent,
    copyright: `© ${chrome.copyrightYears} ${settings.copyrightHolder || settings.siteName}`,
  };
}
