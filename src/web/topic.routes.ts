import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../lib/errors.js';
import { findMediaItems } from '../media/index.js';
import type { Script } from '../text/index.js';
import { findTopicBySlug, isTopicVisible, listPublishedTopics, listTopicArticles, TOPIC_LIMITS } from '../topics/index.js';
import { toArticleSummaries } from './article-summaries.js';
import { noQuery } from '../http/route-schemas.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { ui } from './messages.js';
import { loadSiteContext, toImageRef } from './site-chrome.js';
import { breadcrumbData } from './structured-data.js';
import { toTopicSummaries } from './topic-summaries.js';
import { inScript, paths } from './urls.js';
import { TopicListPage, TopicPage } from './views/topic.view.js';

const topicSchema = {
  params: { type: 'object', required: ['slug'], properties: { slug: { type: 'string', minLength: 1, maxLength: TOPIC_LIMITS.slugChars } } },
  querystring: noQuery,
} as const;

/**
 * 专题 pages at /zt/:slug, and their list at /zt. A 专题 readers may not see
 * (draft, pending, withdrawn) is a 404 to them; staff get a preview, marked
 * as such, noindex, and never cached (sendPage keeps no staff page). Its
 * articles are only those readers may see, whoever asks.
 */
export function registerTopicRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  const link = (path: string) => inScript(path, script);

  app.get<{ Params: { slug: string } }>('/zt/:slug', { schema: topicSchema }, (request, reply) =>
    sendPage(request, reply, async () => {
      const now = deps.clock();
      const topic = await findTopicBySlug(deps.db, request.params.slug);
      const visible = topic !== undefined && isTopicVisible(topic, now);
      if (!topic || (!visible && !request.staff)) throw notFound('topics.not_found');
      if (!visible) reply.header('X-Robots-Tag', 'noindex');
      const site = await loadSiteContext(deps, request, script);
      const [sections, media] = await Promise.all([listTopicArticles(deps.db, topic, now), findMediaItems(deps.db, [topic.banner?.mediaId ?? null])]);
      const banner = topic.banner ? toImageRef(deps, media.get(topic.banner.mediaId), topic.banner.alt) : undefined;
      const breadcrumb = [{ name: ui.home, href: link(paths.home()) }, { name: ui.topics, href: link(paths.topics()) }, { name: topic.title }];
      const canonicalPath = paths.topic(topic.slug);
      const view = TopicPage({
        chrome: site.chrome,
        meta: {
          title: topic.title,
          description: `${ui.topics}：${topic.title}`,
          canonicalPath,
          ogImage: banner,
          noindex: !visible,
          structuredData: [breadcrumbData(site.chrome.origin, breadcrumb, site.chrome.origin + link(canonicalPath))],
        },
        breadcrumb,
        title: topic.title,
        banner,
        introHtml: topic.introHtml,
        sections: await Promise.all(
          sections.map(async (s) => ({ title: s.title, articles: await toArticleSummaries(deps, s.articles, site.categories, script) })),
        ),
        staffPreview: !visible,
      });
      return renderDocument(view, script);
    }),
  );

  app.get('/zt', { schema: { querystring: noQuery } }, (request, reply) =>
    sendPage(request, reply, async () => {
      const site = await loadSiteContext(deps, request, script);
      const topics = await toTopicSummaries(deps, await listPublishedTopics(deps.db, deps.clock()), script);
      const breadcrumb = [{ name: ui.home, href: link(paths.home()) }, { name: ui.topics }];
      const meta = { title: ui.topics, description: ui.topicsDescription(site.settings.siteName), canonicalPath: paths.topics() };
      return renderDocument(TopicListPage({ chrome: site.chrome, meta, breadcrumb, topics }), script);
    }),
  );
}
