import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { invalid, notFound } from '../lib/errors.js';
import { type Ad, type AdInput, checkedAdLink } from './ad.js';
import { findAd } from './ad-repo.js';

/** Throws NotFound('ads.not_found') when there is no such ad. */
export async function getAd(db: Db, id: number): Promise<Ad> {
  const ad = await findAd(db, id);
  if (!ad) throw notFound('ads.not_found');
  return ad;
}

/**
 * The rules an ad's fields must keep, checked whole (a change is laid over the
 * stored ad first, so an end moved before a start kept from before is caught):
 * a link readers may safely be sent to, an end after the start, an image that
 * is in the library (uploads there are checked to be images), categories that
 * exist. Titles and text are kept as typed: pages escape them.
 */
async function checkAd(db: Db, ad: Required<AdInput>): Promise<Required<AdInput>> {
  const linkUrl = checkedAdLink(ad.linkUrl);
  if (!linkUrl) throw invalid('ads.invalid_link', { field: 'linkUrl', link: ad.linkUrl.slice(0, 60) });
  if (ad.title.trim() === '') throw invalid('ads.title_required', { field: 'title' });
  if (ad.endsAt !== null && ad.endsAt <= ad.startsAt) throw invalid('ads.ends_before_start', { field: 'endsAt' });
  if (ad.mediaId !== null) {
    const image = await db.selectFrom('media').select('id').where('id', '=', ad.mediaId).executeTakeFirst();
    if (!image) throw invalid('ads.image_not_found', { field: 'mediaId', mediaId: ad.mediaId });
  }
  const categoryIds = [...new Set(ad.categoryIds)];
  if (categoryIds.length > 0) {
    const found = await db.selectFrom('categories').select('id').where('id', 'in', categoryIds).execute();
    if (found.length !== categoryIds.length) throw invalid('ads.category_not_found', { field: 'categoryIds' });
  }
  return { ...ad, title: ad.title.trim(), body: ad.body.trim(), linkUrl, categoryIds };
}

const DEFAULTS = { body: '', mediaId: null, weight: 1, endsAt: null, enabled: true, categoryIds: [] } as const;

async function saveCategories(trx: Db, adId: number, categoryIds: number[]): Promise<void> {
  await trx.deleteFrom('ad_categories').where('ad_id', '=', adId).execute();
  if (categoryIds.length > 0) await trx.insertInto('ad_categories').values(categoryIds.map((category_id) => ({ ad_id: adId, category_id }))).execute();
}

function columns(ad: Required<AdInput>, now: Date) {
  return {
    slot: ad.slot,
    title: ad.title,
    body: ad.body,
    media_id: ad.mediaId,
    link_url: ad.linkUrl,
    weight: ad.weight,
    starts_at: ad.startsAt.toISOString(),
    ends_at: ad.endsAt?.toISOString() ?? null,
    enabled: ad.enabled ? 1 : 0,
    targets_categories: ad.categoryIds.length > 0 ? 1 : 0,
    updated_at: now.toISOString(),
  };
}

export async function createAd(db: Db, input: AdInput, actor: AuditActor, now: Date): Promise<Ad> {
  const ad = await checkAd(db, { ...DEFAULTS, ...input } as Required<AdInput>);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('ads')
      .values({ ...columns(ad, now), created_by: actor.id, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveCategories(trx, row.id, ad.categoryIds);
    await recordAudit(trx, { actor, action: 'ad.create', targetType: 'ad', targetId: row.id, details: { title: ad.title, slot: ad.slot } }, now);
    return row.id;
  });
  return getAd(db, id);
}

/** Changes the fields given; the others stay as they are. */
export async function updateAd(db: Db, id: number, changes: Partial<AdInput>, actor: AuditActor, now: Date): Promise<Ad> {
  const stored = await getAd(db, id);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const ad = await checkAd(db, { ...stored, ...defined } as Required<AdInput>);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('ads').set(columns(ad, now)).where('id', '=', id).execute();
    await saveCategories(trx, id, ad.categoryIds);
    await recordAudit(trx, { actor, action: 'ad.update', targetType: 'ad', targetId: id, details: { title: ad.title, fields: Object.keys(defined) } }, now);
  });
  return getAd(db, id);
}

/** Deletes the ad with its figures; to stop showing it and keep them, switch it off or end it. */
export async function deleteAd(db: Db, id: number, actor: AuditActor, now: Date): Promise<void> {
  const ad = await getAd(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ads').where('id', '=', id).execute();
    await recordAudit(trx, { actor, action: 'ad.delete', targetType: 'ad', targetId: id, details: { title: ad.title } }, now);
  });
}
