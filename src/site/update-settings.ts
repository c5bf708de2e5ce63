import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import type { AuditActor } from '../audit/index.js';
import { invalid } from '../lib/errors.js';
import { isMediaSetting, lockMediaForUse } from '../media/index.js';
import { checkHomeSections } from './home-sections.js';
import { getSiteSettings, saveSiteSettings } from './settings-repo.js';
import type { SiteSettings } from './site-settings.js';

/**
 * The images the changes choose (logo, QR codes, watermark), checked to be in
 * the library and locked against deletion until the transaction ends: a
 * setting has no foreign key to do it, and a delete of the image that read
 * its uses before this commits would leave the setting naming no image.
 * Throws Invalid 'site.image_not_found'.
 */
async function lockChosenImages(trx: Db, changes: Partial<SiteSettings>): Promise<void> {
  const chosen = Object.entries(changes).filter((entry): entry is [string, number] => isMediaSetting(entry[0]) && typeof entry[1] === 'number');
  const found = await lockMediaForUse(trx, chosen.map(([, id]) => id));
  const missing = chosen.find(([, id]) => !found.has(id));
  if (missing) throw invalid('site.image_not_found', { field: missing[0], mediaId: missing[1] });
}

/**
 * Saves settings (already checked against their schema at the edge, home
 * sections against the categories and images against the library here) and
 * records which ones changed. Throws Invalid 'site.unknown_home_section',
 * 'site.image_not_found'.
 */
export async function updateSiteSettings(db: Db, changes: Partial<SiteSettings>, actor: AuditActor, now: Date): Promise<SiteSettings> {
  await checkHomeSections(db, changes.homeSections);
  await db.transaction().execute(async (trx) => {
    await lockChosenImages(trx, changes);
    await saveSiteSettings(trx, changes, now);
    await recordAudit(trx, { actor, action: 'settings.update', targetType: 'settings', details: { keys: Object.keys(changes) } }, now);
  });
  return getSiteSettings(db);
}
