import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { type ArticleCard, categoryWithChildrenIds, listPublishedArticles } from '../content/index.js';
import type { HomeLayout } from '../site/index.js';
import { extended } from '../lib/extended.js';
import type { Script } from '../text/index.js';
import { toArticleSummaries } from './article-summaries.js';
import { rememberShared } from '../http/request-generation.js';
import { homeTopics } from '../topics/index.js';
import { loadAds } from './ad-slots.js';
import { findSidebarCards, type SidebarCards, sidebarBlocks } from './sidebar.js';
import { toTopicSummaries } from './topic-summaries.js';
import { loadSiteContext, type SiteContext } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import { type HomePageProps } from './views/home.view.js';
import type { ArticleSummary } from './views/page-model.js';

/**
 * The home page's content as the settings order it, or with a staff
 * member's `unsaved` changes to them in a preview.
 *
 * No article shows twice: the editors' picks come first (焦点图, then 推荐),
 * then the automatic lists (要闻, then each section), every one leaving out
 * what the blocks before it show. All of it
 * is asked for in one round of queries, each block asking for enough more
 * to fill its count after leaving those out; 排行 alone keeps its order
 * (see findSidebarCards).
 */
export async function buildHomePage(
  deps: AppDeps,
  request: FastifyRequest,
  script: Script,
  unsaved?: Partial<HomeLayout>,
): Promise<{ site: SiteContext; props: Omit<HomePageProps, 'chrome' | 'meta'> }> {
  const site = await loadSiteContext(deps, request, script);
  const layout: HomeLayout = { ...site.settings, ...unsaved };
  const load = () => loadHomeLists(deps, request, site, layout, script);
  // The same for every reader until content changes: loaded once a change for all of them, the page rendered
  // for each (in each script, for elder eyes, with or without the cache keeping pages). A preview of staff's
  // unsaved layout loads its own.
  const [{ sidebar, ...lists }, ads] = await Promise.all([
    unsaved ? load() : rememberShared(request, `home-lists|${script}`, load),
    // A preview shows staff the layout, not the ads (whose views would count).
    loadAds(deps, request, site, { staffPreview: unsaved !== undefined }),
  ]);
  return {
    site,
    props: extended(lists, {
      focusAd: ads.forSlot('carousel_last'),
      banner: ads.forSlot('home_banner'),
      sidebar: sidebarBlocks(sidebar.ranking, sidebar.recommended, sidebar.summaryOf, ads.forSlot('sidebar')),
    }),
  };
}

type HomeLists = Pick<HomePageProps, 'focus' | 'topics' | 'headlines' | 'sections'> & {
  sidebar: SidebarCards & { summaryOf: (cards: ArticleCard[]) => ArticleSummary[] };
};

async function loadHomeLists(deps: AppDeps, request: FastifyRequest, site: SiteContext, layout: HomeLayout, script: Script): Promise<HomeLists> {
  const now = deps.clock();
  const sections = homeSections(site, layout);
  // How many articles the blocks before each may take from it, so that each asks for enough to fill its count.
  const beforeHeadlines = layout.homeCarouselFrames + layout.homeRecommendedCount;
  const beforeSections = beforeHeadlines + layout.homeHeadlineCount;
  const [headlineCards, latestCards, sidebar, sectionCards, topics] = await Promise.all([
    layout.homeCarouselFrames === 0 ? [] : listPublishedArticles(deps.db, { now, onlyHeadlines: true, limit: layout.homeCarouselFrames }),
    listPublishedArticles(deps.db, { now, pinnedFirst: true, limit: beforeHeadlines + layout.homeHeadlineCount }),
    findSidebarCards(deps, request, layout, { now, shown: [], recommendedAfter: layout.homeCarouselFrames }),
    Promise.all(
      sections.map((category) =>
        listPublishedArticles(deps.db, {
          now,
          categoryIds: categoryWithChildrenIds(site.categories, category.id),
          pinnedFirst: true,
          limit: layout.homeArticlesPerCategory + beforeSections,
        }),
      ),
    ),
    homeTopics(deps.db, now),
  ]);

  const seen = new Set<number>();
  const take = (cards: ArticleCard[], count: number) => {
    const unseen = cards.filter((c) => !seen.has(c.id)).slice(0, count);
    for (const card of unseen) seen.add(card.id);
    return unseen;
  };
  // With no article marked 头条, the newest article leads the page, as it did before the 焦点图.
  const focus = headlineCards.length > 0 ? take(headlineCards, layout.homeCarouselFrames) : take(latestCards, Math.min(1, layout.homeCarouselFrames));
  const recommended = take(sidebar.recommended, layout.homeRecommendedCount);
  const headlines = take(latestCards, layout.homeHeadlineCount);
  const sectionArticles = sectionCards.map((cards) => take(cards, layout.homeArticlesPerCategory));

  const all = [...focus, ...headlines, ...recommended, ...sectionArticles.flat(), ...(sidebar.ranking?.cards ?? [])];
  const byId = new Map((await toArticleSummaries(deps, uniqueCards(all), site.categories, script)).map((s) => [s.id, s]));
  const summaryOf = (cards: ArticleCard[]): ArticleSummary[] => cards.map((c) => byId.get(c.id)!);
  return {
    focus: summaryOf(focus).map((a) => ({ key: `article-${a.id}`, href: a.href, title: a.title, image: a.image })),
    topics: { list: await toTopicSummaries(deps, topics, script), href: inScript(paths.topics(), script) },
    headlines: summaryOf(headlines),
    sections: sections
      .map((category, i) => ({ name: category.name, href: inScript(paths.category(category.slug), script), articles: summaryOf(sectionArticles[i]!) }))
      .filter((s) => s.articles.length > 0),
    sidebar: { ranking: sidebar.ranking, recommended, summaryOf },
  };
}

/** The top-level categories the layout names, in its order; all of them in the navigation's order when it names none. */
function homeSections(site: SiteContext, layout: HomeLayout) {
  const topLevel = site.categories.topLevel;
  if (layout.homeSections.length === 0) return topLevel;
  return layout.homeSections.flatMap((slug) => topLevel.filter((c) => c.slug === slug));
}

function uniqueCards(cards: ArticleCard[]): ArticleCard[] {
  return [...new Map(cards.map((c) => [c.id, c])).values()];
}
