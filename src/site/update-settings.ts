import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import type { AuditActor } from '../audit/index.js';
import { checkHomeSections } from './home-sections.js';
import { getSiteSettings, saveSiteSettings } from './settings-repo.js';
import type { SiteSettings } from './site-settings.js';

/** Saves settings (already checked against their schema at the edge, home sections against the categories here) and records which ones changed. */
export async function updateSiteSettings(db: Db, changes: Partial<SiteSettings>, actor: AuditActor, now: Date): Promise<SiteSettings> {
  await checkHomeSections(db, changes.homeSections);
  await db.transaction().execute(async (trx) => {
    await saveSiteSettings(trx, changes, now);
    await recordAudit(trx, { actor, action: 'settings.update', targetType: 'settings', details: { keys: Object.keys(changes) } }, now);
  });
  return getSiteSettings(db);
}
