import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { type ArticleCard, categoryWithChildrenIds, listPublishedArticles } from '../content/index.js';
import type { Script } from '../text/index.js';
import { loadAds } from './ad-slots.js';
import { toArticleSummaries } from './article-summaries.js';
import { noQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { loadSiteContext } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import { homeTopics } from '../topics/index.js';
import { toTopicSummaries } from './topic-summaries.js';
import { HomePage } from './views/home.view.js';

const RECOMMENDED_COUNT = 5;

export function registerHomeRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  app.get('/', { schema: { querystring: noQuery } }, (request, reply) =>
    sendPage(request, reply, async () => {
      const now = deps.clock();
      const site = await loadSiteContext(deps, request, script);
      const summaries = (articles: ArticleCard[]) =>
        toArticleSummaries(deps, articles, site.categories, script);

      // 头条: the newest headline article, or simply the newest article when none is marked.
      const headline =
        (await listPublishedArticles(deps.db, { now, onlyHeadlines: true, limit: 1 }))[0] ??
        (await listPublishedArticles(deps.db, { now, limit: 1 }))[0];
      const exclude = headline ? [headline.id] : [];
      const recommended = await listPublishedArticles(deps.db, { now, onlyRecommended: true, excludeIds: exclude, limit: RECOMMENDED_COUNT });
      const sections = await Promise.all(
        site.categories.topLevel.map(async (category) => ({
          name: category.name,
          href: inScript(paths.category(category.slug), script),
          articles: await summaries(
            await listPublishedArticles(deps.db, {
              now,
              categoryIds: categoryWithChildrenIds(site.categories, category.id),
              pinnedFirst: true,
              limit: site.settings.homeArticlesPerCategory,
            }),
          ),
        })),
      );
      const view = HomePage({
        chrome: site.chrome,
        meta: { title: site.settings.siteName, description: site.settings.tagline, canonicalPath: paths.home() },
        headline: headline && (await summaries([headline]))[0],
        recommended: await summaries(recommended),
        topics: { list: await toTopicSummaries(deps, await homeTopics(deps.db, now), script), href: inScript(paths.topics(), script) },
        sections: sections.filter((s) => s.articles.length > 0),
        banner: (await loadAds(deps, request, site)).forSlot('home_banner'),
      });
      return renderDocument(view, script);
    }),
  );
}
