import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { getSearchPushSettings, type SearchPushSettings, type SearchPushSettingsView, saveSearchPushSettings, searchPushSettingsView } from './push-settings.js';

/** Saves the push settings (checked against their schema at the edge) and records which ones changed, never their values. */
export async function updateSearchPushSettings(db: Db, changes: Partial<SearchPushSettings>, actor: AuditActor, now: Date): Promise<SearchPushSettingsView> {
  return db.transaction().execute(async (trx) => {
    await saveSearchPushSettings(trx, changes, now);
    await recordAudit(trx, { actor, action: 'settings.update', targetType: 'settings', details: { keys: Object.keys(changes).map((key) => `searchPush.${key}`) } }, now);
    return searchPushSettingsView(await getSearchPushSettings(trx));
  });
}
