import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { missingSmsSettings, type SmsSettings, type SmsSettingsView, smsSettingsView } from './sms-settings.js';
import { getSmsSettings, saveSmsSettings } from './sms-settings-repo.js';

/**
 * Saves SMS settings (checked against their schema at the edge) and records
 * which ones changed, never their values. Throws
 * Invalid('sms.settings_incomplete') when the chosen provider would lack a
 * key, signature name or template: a provider chosen half set up would fail
 * every reader's sign-in.
 */
export async function updateSmsSettings(db: Db, changes: Partial<SmsSettings>, actor: AuditActor, now: Date): Promise<SmsSettingsView> {
  return db.transaction().execute(async (trx) => {
    await saveSmsSettings(trx, changes, now);
    const settings = await getSmsSettings(trx);
    const missing = missingSmsSettings(settings);
    if (missing.length > 0) throw invalid('sms.settings_incomplete', { field: missing[0], missing: missing.join('、') });
    await recordAudit(trx, { actor, action: 'settings.update', targetType: 'settings', details: { keys: Object.keys(changes).map((key) => `sms.${key}`) } }, now);
    return smsSettingsView(settings);
  });
}
