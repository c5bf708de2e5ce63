export {
  DEFAULT_SITE_SETTINGS,
  HOME_LAYOUT_SETTINGS,
  type HomeLayout,
  type HomeRankingWindow,
  SITE_IMAGE_SETTINGS,
  type SiteSettings,
} from './site-settings.js';
export { getSiteSettings, saveSiteSettings } from './settings-repo.js';
export { copyrightYears } from './copyright.js';
export { updateSiteSettings } from './update-settings.js';
export { checkHomeSections } from './home-sections.js';
export { readSettingsGroup, saveSettingsGroup } from './prefixed-settings.js';
export { homeLayoutSchema } from './home-layout-schema.js';
