export { DEFAULT_SITE_SETTINGS, SITE_IMAGE_SETTINGS, type SiteSettings } from './site-settings.js';
export { getSiteSettings, saveSiteSettings } from './settings-repo.js';
export { copyrightYears } from './copyright.js';
export { updateSiteSettings } from './update-settings.js';
export { readSettingsGroup, saveSettingsGroup } from './prefixed-settings.js';
