import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { isCrawler } from '../engagement/index.js';
import { formatChinaDate } from '../lib/china-time.js';
import { countedAddress } from '../lib/counted-address.js';
import { notFound } from '../lib/errors.js';
import { type Ad, isLive } from './ad.js';
import { getAd } from './manage-ads.js';

/**
 * Page views one address (an IPv6 client's /64: countedAddress) may count in
 * AD_VIEW_WINDOW_MINUTES. A view token is
 * handed out by the server, so a script that asks for a new one per request
 * would count an impression each time; with this bound one address adds at
 * most this many views per window. A person opens a few pages a minute; the
 * bound leaves room for an office or a carrier's shared address.
 */
export const AD_VIEWS_PER_ADDRESS = 60;
export const AD_VIEW_WINDOW_MINUTES = 10;
/** A click counts only within a day of the view it came from; older marks are pruned. */
const MARK_LIFETIME_MS = 24 * 3_600_000;
/** A page has five slots at most; a beacon naming more is not a page's. */
export const MAX_ADS_PER_VIEW = 5;

export interface AdViewRequest {
  adIds: number[];
  ip: string;
  userAgent: string | undefined;
}

/**
 * A page was viewed with these ads on it: one impression each for those live
 * now, unless a crawler sent it or the address has used its views for the
 * window. Returns the view's token (the page's clicks carry it), or undefined
 * when nothing was counted.
 */
export async function recordAdView(db: Db, input: AdViewRequest, now: Date): Promise<string | undefined> {
  if (isCrawler(input.userAgent)) return undefined;
  const wanted = [...new Set(input.adIds)].slice(0, MAX_ADS_PER_VIEW);
  if (wanted.length === 0) return undefined;
  await pruneViewMarks(db, now);
  const live = await db
    .selectFrom('ads')
    .select('id')
    .where('id', 'in', wanted)
    .where('enabled', '=', 1)
    .where('starts_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now.toISOString())]))
    .execute();
  if (live.length === 0) return undefined;
  const token = randomBytes(18).toString('base64url');
  const windowStart = new Date(now.getTime() - AD_VIEW_WINDOW_MINUTES * 60_000).toISOString();
  const address = countedAddress(input.ip);
  return db.transaction().execute(async (trx) => {
    // Views from one address are decided one at a time, so the bound is exact however many race.
    await lockKeys(trx, [`ads:ip:${address}`]);
    const { views } = await trx
      .selectFrom('ad_view_marks')
      .select((eb) => eb.fn.count<number | string>('view_token').distinct().as('views'))
      .where('ip', '=', address)
      .where('kind', '=', 'impression')
      .where('created_at', '>=', windowStart)
      .executeTakeFirstOrThrow();
    if (Number(views) >= AD_VIEWS_PER_ADDRESS) return undefined;
    await trx
      .insertInto('ad_view_marks')
      .values(live.map((ad) => ({ view_token: token, ad_id: ad.id, kind: 'impression' as const, ip: address, created_at: now.toISOString() })))
      .execute();
    for (const ad of live) await addToDay(trx, ad.id, 'impressions', now);
    return token;
  });
}

export interface AdClickRequest {
  adId: number;
  /** The view token the page was given, if its script ran. */
  viewToken: string | undefined;
  ip: string;
  userAgent: string | undefined;
}

/**
 * A reader followed an ad: counted once per view that showed it (a click
 * without a view that counted the ad's impression, from a crawler, or again
 * from the same view counts nothing). Returns the ad, whose stored link the
 * reader is sent to; NotFound for an ad not shown now.
 */
export async function recordAdClick(db: Db, input: AdClickRequest, now: Date): Promise<Ad> {
  const ad = await getAd(db, input.adId);
  if (!isLive(ad, now)) throw notFound('ads.not_found');
  if (isCrawler(input.userAgent) || !input.viewToken) return ad;
  const token = input.viewToken;
  await db.transaction().execute(async (trx) => {
    const shown = await trx
      .selectFrom('ad_view_marks')
      .select('ad_id')
      .where('view_token', '=', token)
      .where('ad_id', '=', ad.id)
      .where('kind', '=', 'impression')
      .where('created_at', '>', new Date(now.getTime() - MARK_LIFETIME_MS).toISOString())
      .executeTakeFirst();
    if (!shown) return;
    // The primary key (view, ad, kind) lets exactly one of any number of concurrent clicks in.
    const marked = await trx
      .insertInto('ad_view_marks')
      .values({ view_token: token, ad_id: ad.id, kind: 'click', ip: countedAddress(input.ip), created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['view_token', 'ad_id', 'kind']).doNothing())
      .executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0) === 1) await addToDay(trx, ad.id, 'clicks', now);
  });
  return ad;
}

/** One more impression or click on the ad's Beijing day, in one statement (an upsert), so concurrent ones all add up. */
async function addToDay(trx: Db, adId: number, column: 'impressions' | 'clicks', now: Date): Promise<void> {
  const day = formatChinaDate(now);
  await trx
    .insertInto('ad_daily_stats')
    .values({ ad_id: adId, day, impressions: column === 'impressions' ? 1 : 0, clicks: column === 'clicks' ? 1 : 0 })
    .onConflict((oc) =>
      oc.columns(['ad_id', 'day']).doUpdateSet((eb) => (column === 'impressions' ? { impressions: eb('ad_daily_stats.impressions', '+', 1) } : { clicks: eb('ad_daily_stats.clicks', '+', 1) })),
    )
    .execute();
}

// Marks older than a day decide nothing any more; deleting them (at most once a minute per process)
// keeps the table to about a day of views.
let lastPrunedAt = 0;
async function pruneViewMarks(db: Db, now: Date): Promise<void> {
  if (now.getTime() - lastPrunedAt < 60_000) return;
  lastPrunedAt = now.getTime();
  await db.deleteFrom('ad_view_marks').where('created_at', '<', new Date(now.getTime() - MARK_LIFETIME_MS).toISOString()).execute();
}
