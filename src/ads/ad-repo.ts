import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AdTable } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import type { Ad, AdSlotName } from './ad.js';

type AdRow = Selectable<AdTable>;

function toAd(row: AdRow, categoryIds: number[]): Ad {
  return {
    id: row.id,
    slot: row.slot as AdSlotName,
    kind: row.media_id === null ? 'text' : 'image',
    title: row.title,
    body: row.body,
    mediaId: row.media_id,
    linkUrl: row.link_url,
    weight: row.weight,
    startsAt: toDate(row.starts_at),
    endsAt: toOptionalDate(row.ends_at),
    enabled: row.enabled === 1,
    categoryIds,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** The ads with their categories, in two queries whatever their number. */
async function withCategories(db: Db, rows: AdRow[]): Promise<Ad[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('ad_categories').select(['ad_id', 'category_id']).where('ad_id', 'in', rows.map((r) => r.id)).orderBy('category_id').execute();
  const byAd = new Map<number, number[]>();
  for (const link of links) byAd.set(link.ad_id, [...(byAd.get(link.ad_id) ?? []), link.category_id]);
  return rows.map((row) => toAd(row, byAd.get(row.id) ?? []));
}

export async function findAd(db: Db, id: number): Promise<Ad | undefined> {
  const row = await db.selectFrom('ads').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withCategories(db, [row]))[0];
}

/** Every ad, newest first: a portal runs tens of them, not thousands. */
export async function listAds(db: Db): Promise<Ad[]> {
  return withCategories(db, await db.selectFrom('ads').selectAll().orderBy('id', 'desc').execute());
}

/**
 * The ads switched on that have not ended at `now`, including those still to
 * start: pages keep the list a while (see web/ad-slots.ts) and check the
 * times themselves at each use.
 */
export async function listCurrentAds(db: Db, now: Date): Promise<Ad[]> {
  const rows = await db
    .selectFrom('ads')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now.toISOString())]))
    .orderBy('id')
    .execute();
  return withCategories(db, rows);
}
