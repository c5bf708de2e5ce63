import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { buildCategoryTree, listCategories } from '../../content/index.js';
import { getSiteSettings, SITE_IMAGE_SETTINGS, type SiteSettings } from '../../site/index.js';
import { getSmsSettings, smsSettingsView } from '../../sms/index.js';
import { siteSettingsSchema } from '../api/settings.routes.js';
import { am } from '../views/admin-messages.js';
import type { PickedImage } from '../views/admin-model.js';
import { CategoriesPage } from '../views/categories.view.js';
import { SettingsPage } from '../views/settings.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pickedImages } from './page-data.js';

const IMAGE_KEYS = [...SITE_IMAGE_SETTINGS, 'watermarkMediaId'] as const;

// The form's length limits are the API's own, so the browser stops at the same place the server would.
const LIMITS = Object.fromEntries(
  Object.entries(siteSettingsSchema.properties).flatMap(([key, rule]) => ('maxLength' in rule ? [[key, rule.maxLength]] : [])),
) as Partial<Record<keyof SiteSettings, number>>;
const RANGES = Object.fromEntries(
  Object.entries(siteSettingsSchema.properties).flatMap(([key, rule]) => ('minimum' in rule && 'maximum' in rule ? [[key, { min: rule.minimum, max: rule.maximum }]] : [])),
) as Partial<Record<keyof SiteSettings, { min: number; max: number }>>;

export function registerSiteSetupPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/settings', { preHandler: staffPage(deps, 'settings.manage') }, async (request, reply) => {
    const [settings, sms, categories] = await Promise.all([getSiteSettings(deps.db), getSmsSettings(deps.db), listCategories(deps.db)]);
    const homeSectionChoices = buildCategoryTree(categories).topLevel.map((c) => `${c.slug}（${c.name}）`);
    const [pictures, chrome] = await Promise.all([
      pickedImages(
        deps,
        IMAGE_KEYS.map((key) => settings[key]),
      ),
      adminChrome(deps, request, am.settings.title, 'admin'),
    ]);
    const images: Partial<Record<keyof SiteSettings, PickedImage>> = {};
    for (const key of IMAGE_KEYS) {
      const id = settings[key];
      if (id !== null && pictures.has(id)) images[key] = pictures.get(id);
    }
    return sendAdminPage(reply, SettingsPage({ chrome, settings, sms: smsSettingsView(sms), images, limits: LIMITS, ranges: RANGES, homeSectionChoices }));
  });

  app.get('/admin/categories', { preHandler: staffPage(deps, 'categories.manage') }, async (request, reply) => {
    const [categories, chrome] = await Promise.all([listCategories(deps.db), adminChrome(deps, request, am.categories.title, 'admin')]);
    return sendAdminPage(reply, CategoriesPage({ chrome, categories }));
  });
}
