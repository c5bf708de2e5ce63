import type { Db } from '../db/database.js';
import { readSettingsGroup, saveSettingsGroup } from '../site/index.js';
import { DEFAULT_SMS_SETTINGS, type SmsSettings } from './sms-settings.js';

const PREFIX = 'sms';

export async function getSmsSettings(db: Db): Promise<SmsSettings> {
  return readSettingsGroup(db, PREFIX, DEFAULT_SMS_SETTINGS);
}

export async function saveSmsSettings(db: Db, changes: Partial<SmsSettings>, now: Date): Promise<void> {
  await saveSettingsGroup(db, PREFIX, changes, now);
}
