import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { rememberShared } from '../http/request-generation.js';
import { type ArticleCard, listMostReadArticles, listPublishedArticles, type MostReadWindow } from '../content/index.js';
import type { HomeLayout } from '../site/index.js';
import { ui } from './messages.js';
import type { ArticleSummary, SidebarBlock } from './views/page-model.js';
import type { AdSlotModel } from './views/ad-slot.js';

type SidebarLayout = Pick<HomeLayout, 'homeRanking' | 'homeRankingCount' | 'homeRecommendedCount'>;

/** The articles of the sidebar, before they become summaries (with the page's other cards, in one go). */
export interface SidebarCards {
  ranking: { title: string; cards: ArticleCard[] } | undefined;
  recommended: ArticleCard[];
}

/**
 * The sidebar's articles: 排行 (of the given categories when named, the whole
 * site when they have none read in the window) and 推荐, leaving out the
 * articles the page already shows (`shown`) or that `recommendedAfter`
 * takes first. 排行 keeps its order even when an article is elsewhere on the
 * page: a ranking without its first place would not be one.
 *
 * 排行 is the same on every page of a category (and on every home page), so
 * it is kept with the page cache's shared data and goes with it at the next
 * change or after PAGE_CACHE_SECONDS, as a kept page does: a crawler walking
 * a category's pages after a change sums the reads once, not once a page.
 * 推荐 is kept so too, the newest recommended with as many more as the page
 * may leave out, which are left out here.
 */
export async function findSidebarCards(
  deps: AppDeps,
  request: FastifyRequest,
  layout: SidebarLayout,
  options: { now: Date; categoryIds?: readonly number[]; shown: readonly number[]; recommendedAfter?: number },
): Promise<SidebarCards> {
  const { now, categoryIds } = options;
  const limit = layout.homeRankingCount;
  // Kept by what it ranks, so a section nobody read falls back on the one site-wide ranking the home page keeps too.
  const mostRead = (window: MostReadWindow, of?: readonly number[]) =>
    rememberShared(request, `most-read|${window}|${limit}|${of?.join(',') ?? 'site'}`, () => listMostReadArticles(deps.db, { now, window, limit, ...(of && { categoryIds: of }) }));
  // The home page decides what else it shows from the same round of queries, so it asks for enough to leave those out.
  const wanted = layout.homeRecommendedCount + (options.recommendedAfter ?? 0);
  const recommendedLeavingOut = async (shown: readonly number[]) => {
    const newest = await rememberShared(request, `recommended|${wanted + shown.length}`, () =>
      listPublishedArticles(deps.db, { now, onlyRecommended: true, limit: wanted + shown.length }),
    );
    const left = new Set(shown);
    return newest.filter((card) => !left.has(card.id)).slice(0, wanted);
  };
  const rank = async (window: MostReadWindow): Promise<SidebarCards['ranking']> => {
    const ofCategory = categoryIds ? await mostRead(window, categoryIds) : [];
    if (ofCategory.length > 0) return { title: ui.ranking(window, true), cards: ofCategory };
    const siteWide = await mostRead(window);
    return siteWide.length > 0 ? { title: ui.ranking(window, false), cards: siteWide } : undefined;
  };
  const [ranking, recommended] = await Promise.all([
    layout.homeRanking === 'off' ? undefined : rank(layout.homeRanking),
    layout.homeRecommendedCount === 0 ? [] : recommendedLeavingOut(options.shown),
  ]);
  return { ranking, recommended };
}

/** The blocks in the order shown: 排行, the sidebar's ad, then 推荐阅读. */
export function sidebarBlocks(
  ranking: SidebarCards['ranking'],
  recommended: ArticleCard[],
  summaryOf: (cards: ArticleCard[]) => ArticleSummary[],
  ad: AdSlotModel | undefined,
): SidebarBlock[] {
  const blocks: SidebarBlock[] = [];
  if (ranking) blocks.push({ kind: 'ranking', title: ranking.title, articles: summaryOf(ranking.cards) });
  if (ad) blocks.push({ kind: 'ad', ad });
  if (recommended.length > 0) blocks.push({ kind: 'articles', key: 'recommended', title: ui.recommended, articles: summaryOf(recommended) });
  return blocks;
}
