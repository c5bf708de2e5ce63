import { checkedWebLink } from '../lib/web-link.js';

/**
 * 广告位: the named places on the pages where an ad may stand. The home page's
 * banner, the sidebar, between the paragraphs of an article, below it, and the
 * last frame of the 焦点图 carousel.
 */
export const AD_SLOTS = ['home_banner', 'sidebar', 'in_article', 'below_article', 'carousel_last'] as const;
export type AdSlotName = (typeof AD_SLOTS)[number];

export const AD_TITLE_MAX = 40;
export const AD_BODY_MAX = 80;
export const AD_LINK_MAX = 500;
export const AD_WEIGHT_MAX = 100;

/** An ad as staff manage it. A text ad has no image; an image ad shows its title as the image's alternative text. */
export interface Ad {
  id: number;
  slot: AdSlotName;
  kind: 'image' | 'text';
  title: string;
  /** The text ad's line under its title; '' for none. */
  body: string;
  mediaId: number | null;
  linkUrl: string;
  /** Among the ads of a slot live at one moment, each is shown in proportion to its weight. */
  weight: number;
  startsAt: Date;
  /** null: until withdrawn. */
  endsAt: Date | null;
  enabled: boolean;
  /** Empty: every page that has the slot; otherwise only the pages of these categories. */
  categoryIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface AdInput {
  slot: AdSlotName;
  title: string;
  body?: string;
  mediaId?: number | null;
  linkUrl: string;
  weight?: number;
  startsAt: Date;
  endsAt?: Date | null;
  enabled?: boolean;
  categoryIds?: number[];
}

/** Whether the ad is shown at `now`: switched on, started and not yet ended. */
export function isLive(ad: Pick<Ad, 'enabled' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  return ad.enabled && ad.startsAt <= now && (ad.endsAt === null || ad.endsAt > now);
}

/**
 * Whether an ad belongs on a page of a category, given as the category and
 * the categories it is in (an ad for 新闻 shows in 新闻's subcategories too);
 * a page of no category, like the home page, passes none.
 */
export function showsOnCategory(ad: Pick<Ad, 'categoryIds'>, pageCategoryIds: readonly number[]): boolean {
  return ad.categoryIds.length === 0 || pageCategoryIds.some((id) => ad.categoryIds.includes(id));
}

/**
 * An ad link a reader may be sent to: an absolute http(s) address (see
 * checkedWebLink). A relative path would make the click endpoint an open door
 * to other paths; returns undefined for anything refused.
 */
export const checkedAdLink = (text: string): string | undefined => checkedWebLink(text, AD_LINK_MAX);

/**
 * One of the ads, each as likely as its weight; `random` is in [0, 1).
 * Undefined when there are none.
 */
export function pickByWeight<T extends { weight: number }>(ads: readonly T[], random: number): T | undefined {
  const total = ads.reduce((sum, ad) => sum + ad.weight, 0);
  let point = random * total;
  for (const ad of ads) {
    point -= ad.weight;
    if (point < 0) return ad;
  }
  return ads[ads.length - 1];
}
