import type { FastifyInstance } from 'fastify';
import { assetUrls } from './assets.js';
import type { AppDeps } from '../app-deps.js';
import { allowFramingBySite } from '../http/security-headers.js';
import {
  type ArticleCard,
  type ArticleOfPage,
  findArticle,
  findArticleOfPage,
  findNeighbours,
  type HoldShared,
  isVisibleToReaders,
  lastModified,
  listRelatedArticles,
} from '../content/index.js';
import { COMMENT_MAX_LENGTH, type CommentOrder, type CommentView, listArticleComments } from '../comments/index.js';
import { formatChinaIso, shownReaderTime } from '../lib/china-time.js';
import { notFound } from '../lib/errors.js';
import type { Script } from '../text/index.js';
import { loadAds } from './ad-slots.js';
import { toCompactSummaries } from './article-summaries.js';
import { categoryTrail } from './category-trail.js';
import { toCommentThreads } from './comment-items.js';
import { articleQuery, canonicalIdInPath, idParams } from '../http/route-schemas.js';
import { rememberShared } from '../http/request-generation.js';
import { renderDocument, sendPage } from '../http/send-page.js';
import { shareQrSvg } from './share-qr.js';
import { breadcrumbData, newsArticleData } from './structured-data.js';
import { listTopicsOfArticle } from '../topics/index.js';
import { toTopicSummaries } from './topic-summaries.js';
import { loadSiteContext, toImageRef } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import { ui } from './messages.js';
import { ArticlePage, type ArticlePageProps } from './views/article.view.js';

const RELATED_COUNT = 5;
/** The newest published comments are on the page itself (and in its cache); the script loads the rest. */
const COMMENTS_ON_PAGE = 100;

export function registerArticleRoutes(app: FastifyInstance, deps: AppDeps, script: Script): void {
  app.get<{ Params: { id: number }; Querystring: { comments: CommentOrder } }>('/a/:id', { preValidation: canonicalIdInPath, schema: { params: idParams, querystring: articleQuery } }, (request, reply) =>
    sendPage(request, reply, async () => {
      const now = deps.clock();
      const found = await findArticleOfPage(deps.db, request.params.id);
      const visible = found !== undefined && isVisibleToReaders(found.article, now);
      // Unpublished, scheduled and withdrawn articles do not exist for anyone but staff.
      if (!found || (!visible && !request.staff)) throw notFound('content.article_not_found');
      // A staff preview is no page of the site: search engines are told so even if a preview link leaks.
      if (!visible) reply.header('X-Robots-Tag', 'noindex');
      if (request.staff) allowFramingBySite(reply);
      const props = await buildArticlePage(deps, request, found, script, !visible, request.query.comments);
      return renderDocument(ArticlePage(props), script);
    }),
  );
  app.get<{ Params: { id: number } }>('/a/:id/qr.svg', { preValidation: canonicalIdInPath, schema: { params: idParams } }, (request, reply) =>
    sendPage(
      request,
      reply,
      async () => {
        const article = await findArticle(deps.db, request.params.id);
        if (!article || (!isVisibleToReaders(article, deps.clock()) && !request.staff)) throw notFound('content.article_not_found');
        return shareQrSvg(request.pageOrigin + inScript(paths.article(article.id), script));
      },
      { contentType: 'image/svg+xml; charset=utf-8' },
    ),
  );
}

async function buildArticlePage(
  deps: AppDeps,
  request: Parameters<typeof loadSiteContext>[1],
  { article, publisherName, leadImage: leadMedia, pickedTopicIds }: ArticleOfPage,
  script: Script,
  staffPreview: boolean,
  commentOrder: CommentOrder,
): Promise<ArticlePageProps> {
  const now = deps.clock();
  const site = await loadSiteContext(deps, request, script);
  const link = (path: string) => inScript(path, script);
  const shareUrl = site.chrome.origin + link(paths.article(article.id));
  const hold: HoldShared = (key, load) => rememberShared(request, key, load);
  const [neighbours, relatedArticles, comments, topics, ads] = await Promise.all([
    findNeighbours(deps.db, article, now),
    // Two more than shown, as the previous and next articles, linked just above, are left out of 相关阅读.
    listRelatedArticles(deps.db, article, now, RELATED_COUNT + 2, { hold }),
    // The count of published comments changes in the transaction that publishes or hides one (an import of a site
    // counts them again), and the page prints it: with none there is nothing to list, and most articles have none.
    article.counts.comments === 0 ? ([] as CommentView[]) : listArticleComments(deps.db, article.id, { order: commentOrder, limit: COMMENTS_ON_PAGE }),
    listTopicsOfArticle(deps.db, { tags: article.tags, pickedTopicIds }, now, hold),
    loadAds(deps, request, site, { staffPreview }),
  ]);
  const s = site.settings;
  const optional = (value: string | null) => value ?? undefined;
  const leadImage = article.leadImage ? toImageRef(deps, leadMedia, article.leadImage.alt) : undefined;
  const siteQr = s.articleQrMediaId === null ? undefined : toImageRef(deps, site.siteImages.get(s.articleQrMediaId));
  const neighbour = (a: ArticleCard | undefined) => a && { title: a.title, href: link(paths.article(a.id)) };
  const breadcrumb = [...categoryTrail(site.categories, article.categoryId, link), { name: ui.article }];
  const description = article.summary || article.editorNote || '';
  const section = site.categories.byId.get(article.categoryId)?.name;
  const modifiedAt = lastModified(article);
  return {
    chrome: site.chrome,
    meta: {
      title: article.title,
      description,
      canonicalPath: paths.article(article.id),
      ogType: 'article',
      ogImage: leadImage,
      noindex: staffPreview,
      article: {
        publishedTime: article.publishedAt ? formatChinaIso(article.publishedAt) : undefined,
        modifiedTime: formatChinaIso(modifiedAt),
        section,
        tags: article.tags,
      },
      structuredData: [
        newsArticleData({
          origin: site.chrome.origin,
          url: shareUrl,
          script,
          headline: article.title,
          description,
          publishedAt: article.publishedAt ?? undefined,
          modifiedAt,
          authorName: optional(article.author),
          authorOrganization: article.reprint.sourceName ?? s.siteName,
          section,
          keywords: article.tags,
          image: leadImage,
          siteName: s.siteName,
          siteLogo: site.chrome.shareImage,
        }),
        breadcrumbData(site.chrome.origin, breadcrumb, shareUrl),
      ],
    },
    article: {
      id: article.id,
      title: article.title,
      origin: article.origin,
      publisherName,
      publishedAt: article.publishedAt ? shownReaderTime(article.publishedAt) : undefined,
      // Articles published before the writer's IP属地 was recorded show the one recorded then.
      ipRegion: optional(article.writerIpRegion ?? article.publisherIpRegion),
      sourceName: optional(article.reprint.sourceName),
      sourceUrl: optional(article.reprint.sourceUrl),
      author: optional(article.author),
      originalTitle: optional(article.reprint.originalTitle),
      originalAuthor: optional(article.reprint.originalAuthor),
      responsibleEditor: optional(article.reprint.responsibleEditor),
      counts: article.counts,
      leadImage,
      editorNote: optional(article.editorNote),
      bodyHtml: article.bodyHtml,
      creditLines: (article.credits ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
      tags: article.tags.map((name) => ({ name, href: link(paths.tag(name)) })),
      topics: await toTopicSummaries(deps, topics, script),
    },
    staffPreview,
    breadcrumb,
    share: { url: shareUrl, qrSrc: link(paths.articleQr(article.id)), wechatSdk: request.server.wechatJsSdk ? assetUrls.jweixin : undefined },
    siteQr,
    reprintDisclaimer: s.reprintDisclaimer || undefined,
    commentPledge: s.commentPledge,
    commentMaxLength: COMMENT_MAX_LENGTH,
    commentsOpen: s.commentsEnabled,
    commentOrder,
    comments: toCommentThreads(comments),
    previous: neighbour(neighbours.previous),
    next: neighbour(neighbours.next),
    related: toCompactSummaries(
      relatedArticles.filter((a) => a.id !== neighbours.previous?.id && a.id !== neighbours.next?.id).slice(0, RELATED_COUNT),
      site.categories,
      script,
    ),
    ads: { inArticle: ads.forSlot('in_article', { categoryId: article.categoryId }), belowArticle: ads.forSlot('below_article', { categoryId: article.categoryId }) },
  };
}
