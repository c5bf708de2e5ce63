import type { Db } from '../db/database.js';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from './site-settings.js';

/** The stored settings laid over the defaults; unknown stored keys are ignored. */
export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const settings: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const row of rows) {
    if (row.key in DEFAULT_SITE_SETTINGS) settings[row.key] = JSON.parse(row.value);
  }
  return settings as unknown as SiteSettings;
}

/** Writes the given settings, each as one row, in one statement per key. */
export async function saveSiteSettings(db: Db, changes: Partial<SiteSettings>, now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: updatedAt }))
      .execute();
  }
}
