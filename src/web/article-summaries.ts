import type { AppDeps } from '../app-deps.js';
import type { ArticleCard, CategoryTree } from '../content/index.js';
import { shownReaderTime } from '../lib/china-time.js';
import { findMediaItems } from '../media/index.js';
import type { Script } from '../text/index.js';
import { toImageRef } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import type { ArticleSummary } from './views/page-model.js';

/** Cards for article lists, with their lead images loaded in one query. */
export async function toArticleSummaries(
  deps: AppDeps,
  articles: ArticleCard[],
  categories: CategoryTree,
  script: Script,
): Promise<ArticleSummary[]> {
  const media = await findMediaItems(deps.db, articles.map((a) => a.leadImage?.mediaId ?? null));
  return articles.map((a) => summaryOf(a, categories, script, a.leadImage ? toImageRef(deps, media.get(a.leadImage.mediaId), a.leadImage.alt) : undefined));
}

/** Cards for a list that shows no pictures (相关阅读, a compact ArticleList): none are loaded. */
export function toCompactSummaries(articles: ArticleCard[], categories: CategoryTree, script: Script): ArticleSummary[] {
  return articles.map((a) => summaryOf(a, categories, script, undefined));
}

function summaryOf(a: ArticleCard, categories: CategoryTree, script: Script, image: ArticleSummary['image']): ArticleSummary {
  return {
    id: a.id,
    href: inScript(paths.article(a.id), script),
    title: a.title,
    summary: a.summary,
    image,
    categoryName: categories.byId.get(a.categoryId)?.name,
    publishedAt: a.publishedAt ? shownReaderTime(a.publishedAt) : undefined,
    pinned: a.flags.pinned,
  };
}
