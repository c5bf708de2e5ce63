import type { Db } from '../db/database.js';

export interface AdDay {
  /** Beijing date, YYYY-MM-DD. */
  day: string;
  impressions: number;
  clicks: number;
}

export interface AdTotals {
  impressions: number;
  clicks: number;
}

/** The ad's figures for each Beijing day it had any, newest first. */
export async function listAdDays(db: Db, adId: number): Promise<AdDay[]> {
  const rows = await db.selectFrom('ad_daily_stats').select(['day', 'impressions', 'clicks']).where('ad_id', '=', adId).orderBy('day', 'desc').execute();
  return rows.map((row) => ({ day: row.day, impressions: Number(row.impressions), clicks: Number(row.clicks) }));
}

/** Every ad's figures to date, by ad id (ads without any are absent). */
export async function listAdTotals(db: Db): Promise<Map<number, AdTotals>> {
  const rows = await db
    .selectFrom('ad_daily_stats')
    .select((eb) => ['ad_id', eb.fn.sum<number | string>('impressions').as('impressions'), eb.fn.sum<number | string>('clicks').as('clicks')])
    .groupBy('ad_id')
    .execute();
  return new Map(rows.map((row) => [row.ad_id, { impressions: Number(row.impressions), clicks: Number(row.clicks) }]));
}
