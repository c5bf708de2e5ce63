import type { Db } from '../db/database.js';
import { DEFAULT_SMS_SETTINGS, type SmsSettings } from './sms-settings.js';

// Kept in the settings table beside the site settings, one row per field under "sms.", so that two
// staff saving different fields at once both keep theirs; getSiteSettings ignores these keys, so the
// secret never travels with the site settings that every page reads.
const PREFIX = 'sms.';

export async function getSmsSettings(db: Db): Promise<SmsSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${PREFIX}%`).execute();
  const settings: Record<string, unknown> = { ...DEFAULT_SMS_SETTINGS };
  for (const row of rows) {
    const key = row.key.slice(PREFIX.length);
    if (key in DEFAULT_SMS_SETTINGS) settings[key] = JSON.parse(row.value);
  }
  return settings as unknown as SmsSettings;
}

export async function saveSmsSettings(db: Db, changes: Partial<SmsSettings>, now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key: `${PREFIX}${key}`, value: JSON.stringify(value), updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: updatedAt }))
      .execute();
  }
}
