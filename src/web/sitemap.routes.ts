import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { countPublishedArticles, listArticleLocations, listCategories, listPublishedArticles } from '../content/index.js';
import { notFound } from '../lib/errors.js';
import { noQuery } from '../http/route-schemas.js';
import { sendPage } from '../http/send-page.js';
import { getSiteSettings } from '../site/index.js';
import { listPublishedTopics } from '../topics/index.js';
import { type SitemapEntry, newsSitemap, sitemapIndex, urlSitemap } from './sitemap-document.js';
import { paths } from './urls.js';

/** The sitemaps.org limit of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News reads only articles of the last two days. */
const NEWS_WINDOW_MS = 48 * 3_600_000;
/** …and at most 1,000 URLs in one news sitemap. */
const NEWS_MAX_URLS = 1000;

export const sitemapPaths = {
  index: '/sitemap.xml',
  part: (section: SitemapSection, part: number) => `/sitemaps/${section}-${part}.xml`,
  news: '/sitemaps/news.xml',
};

type SitemapSection = 'pages' | 'articles';

/** What each part sitemap lists: how many URLs in all, and one slice of them in a stable order. */
interface SectionSource {
  count(): Promise<number>;
  list(offset: number, limit: number): Promise<SitemapEntry[]>;
}

function sectionSources(deps: AppDeps): Record<SitemapSection, SectionSource> {
  const pages = async () => {
    const [categories, topics] = await Promise.all([listCategories(deps.db), listPublishedTopics(deps.db, deps.clock())]);
    return [
      { path: paths.home() },
      ...categories.map((c) => ({ path: paths.category(c.slug) })),
      // Published 专题 only, like articles; their list page with them.
      ...(topics.length > 0 ? [{ path: paths.topics() }] : []),
      ...topics.map((t) => ({ path: paths.topic(t.slug), lastModified: t.updatedAt })),
    ];
  };
  return {
    pages: {
      count: async () => (await pages()).length,
      list: async (offset, limit) => (await pages()).slice(offset, offset + limit),
    },
    articles: {
      count: () => countPublishedArticles(deps.db, deps.clock()),
      list: async (offset, limit) =>
        (await listArticleLocations(deps.db, deps.clock(), { offset, limit })).map((a) => ({ path: paths.article(a.id), lastModified: a.lastModified })),
    },
  };
}

const XML = 'application/xml; charset=utf-8';
const partParams = { type: 'object', required: ['part'], properties: { part: { type: 'integer', minimum: 1, maximum: 100000 } } } as const;

/**
 * /sitemap.xml is an index of: the home, category and 专题 pages and the articles,
 * each in parts of at most `partSize` URLs (50,000 by the protocol; tests
 * pass a few), and a Google News sitemap of the last 48 hours. Only what
 * readers may see is listed, and the files go through the page cache, which
 * every change clears, so a withdrawn article is gone from them at the next
 * request.
 */
export function registerSitemaps(app: FastifyInstance, deps: AppDeps, partSize = SITEMAP_MAX_URLS): void {
  const send = (request: FastifyRequest, reply: FastifyReply, build: () => Promise<string>) => sendPage(request, reply, build, { contentType: XML });
  const sources = sectionSources(deps);
  const sections = Object.keys(sources) as SitemapSection[];

  app.get(sitemapPaths.index, { schema: { querystring: noQuery } }, (request, reply) =>
    send(request, reply, async () => {
      const files: string[] = [];
      for (const section of sections) {
        // An empty section still has its first part, an empty file, so the index never points nowhere.
        const parts = Math.max(1, Math.ceil((await sources[section].count()) / partSize));
        for (let part = 1; part <= parts; part += 1) files.push(sitemapPaths.part(section, part));
      }
      files.push(sitemapPaths.news);
      return sitemapIndex(files.map((path) => request.pageOrigin + path));
    }),
  );

  for (const section of sections) {
    app.get<{ Params: { part: number } }>(`/sitemaps/${section}-:part.xml`, { schema: { params: partParams, querystring: noQuery } }, (request, reply) =>
      send(request, reply, async () => {
        const { part } = request.params;
        const entries = await sources[section].list((part - 1) * partSize, partSize);
        if (entries.length === 0 && part > 1) throw notFound('site.page_not_found');
        return urlSitemap(request.pageOrigin, entries);
      }),
    );
  }

  app.get(sitemapPaths.news, { schema: { querystring: noQuery } }, (request, reply) =>
    send(request, reply, async () => {
      const now = deps.clock();
      const [settings, articles] = await Promise.all([
        getSiteSettings(deps.db),
        listPublishedArticles(deps.db, { now, publishedSince: new Date(now.getTime() - NEWS_WINDOW_MS), limit: NEWS_MAX_URLS }),
      ]);
      return newsSitemap(request.pageOrigin, settings.siteName, articles.map((a) => ({ path: paths.article(a.id), title: a.title, publishedAt: a.publishedAt! })));
    }),
  );
}
