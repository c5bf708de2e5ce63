import type { Db } from '../db/database.js';

// A group of settings kept in the settings table beside the site settings, one row per field under
// "<prefix>.", so that two staff saving different fields at once both keep theirs; getSiteSettings
// ignores these keys, so a group's secrets never travel with the site settings every page reads.

/** The group's stored fields laid over its defaults; unknown stored fields are ignored. */
export async function readSettingsGroup<T extends object>(db: Db, prefix: string, defaults: Readonly<T>): Promise<T> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${prefix}.%`).execute();
  const settings: Record<string, unknown> = { ...defaults };
  for (const row of rows) {
    const key = row.key.slice(prefix.length + 1);
    if (key in defaults) settings[key] = JSON.parse(row.value);
  }
  return settings as T;
}

/** Writes the given fields of a group, one row each. */
export async function saveSettingsGroup<T extends object>(db: Db, prefix: string, changes: Partial<T>, now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key: `${prefix}.${key}`, value: JSON.stringify(value), updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: updatedAt }))
      .execute();
  }
}
