import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { type Ad, type AdSlotName, isLive, listCurrentAds, pickByWeight, showsOnCategory } from '../ads/index.js';
import { findMediaItems, type MediaItem } from '../media/index.js';
import type { SiteSettings } from '../site/index.js';
import type { CategoryTree } from '../content/index.js';
import { rememberShared } from '../http/request-generation.js';
import { type SiteContext, toImageRef } from './site-chrome.js';
import { paths } from './urls.js';
import type { AdSlotModel } from './views/ad-slot.js';

/** Alternatives a slot carries in the page for the script to choose from; more would only add bytes. */
const MAX_ADS_PER_SLOT = 5;

/** The ads for a page's slots (see loadAds). */
export interface PageAds {
  /** The slot's ads for a page of this category and its parents (none given: a page of no category, like the home page); undefined when none. */
  forSlot(slot: AdSlotName, options?: { categoryId?: number }): AdSlotModel | undefined;
}

const NO_ADS: PageAds = { forSlot: () => undefined };

/**
 * Ads are off when an admin switched them off, and on days of mourning: gray
 * mode, for the home page or the whole site, takes them off every page.
 */
export function adsShown(settings: Pick<SiteSettings, 'adsEnabled' | 'grayMode'>): boolean {
  return settings.adsEnabled && settings.grayMode === 'off';
}

interface CurrentAds {
  ads: Ad[];
  images: Map<number, MediaItem>;
}

/**
 * The ads a page may show. The list of ads not yet ended is kept with the
 * page cache and dropped with it: every change made in /admin clears it, and
 * it lives as long as a cached page (PAGE_CACHE_SECONDS), which is how late
 * a scheduled start or end shows. So a page costs no query for its ads
 * beyond the first in each cache lifetime. A staff preview shows none.
 *
 * The weighted choice: the page carries every live ad of a slot and the
 * server's pick (per rendering, so per cached page generation), and the
 * page's script picks again by weight at each view; a cached page thus
 * still rotates, and readers without the script see the server's pick.
 */
export async function loadAds(deps: AppDeps, request: FastifyRequest, site: Pick<SiteContext, 'settings' | 'categories'>, options: { staffPreview?: boolean } = {}): Promise<PageAds> {
  if (options.staffPreview || !adsShown(site.settings)) return NO_ADS;
  const current = await rememberShared(request, 'current-ads', () => loadCurrentAds(deps));
  const now = deps.clock();
  return { forSlot: (slot, { categoryId } = {}) => slotModel(deps, current, slot, withParents(site.categories, categoryId), now) };
}

async function loadCurrentAds(deps: AppDeps): Promise<CurrentAds> {
  const ads = await listCurrentAds(deps.db, deps.clock());
  return { ads, images: await findMediaItems(deps.db, ads.map((ad) => ad.mediaId)) };
}

/** The category and those above it. */
function withParents(categories: CategoryTree, categoryId: number | undefined): number[] {
  const ids: number[] = [];
  for (let id = categoryId; id !== undefined && !ids.includes(id); id = categories.byId.get(id)?.parentId ?? undefined) ids.push(id);
  return ids;
}

function slotModel(deps: AppDeps, current: CurrentAds, slot: AdSlotName, pageCategoryIds: number[], now: Date): AdSlotModel | undefined {
  const ads = current.ads
    .filter((ad) => ad.slot === slot && isLive(ad, now) && showsOnCategory(ad, pageCategoryIds))
    // An image ad whose image was deleted from the library has nothing to show.
    .filter((ad) => ad.mediaId === null || current.images.has(ad.mediaId))
    .sort((a, b) => b.weight - a.weight || a.id - b.id)
    .slice(0, MAX_ADS_PER_SLOT)
    .map((ad) => ({
      id: ad.id,
      title: ad.title,
      body: ad.body,
      image: ad.mediaId === null ? undefined : toImageRef(deps, current.images.get(ad.mediaId), ad.title),
      href: paths.adClick(ad.id),
      weight: ad.weight,
    }));
  if (ads.length === 0) return undefined;
  return { slot, ads, chosen: ads.indexOf(pickByWeight(ads, Math.random())!) };
}
