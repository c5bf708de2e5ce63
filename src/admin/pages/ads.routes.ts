import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { type Ad, getAd, isLive, listAdDays, listAds, listAdTotals } from '../../ads/index.js';
import { buildCategoryTree, listCategories } from '../../content/index.js';
import { shownDateTime } from '../../lib/china-time.js';
import { idParams } from '../../http/route-schemas.js';
import { getSiteSettings } from '../../site/index.js';
import { am } from '../views/admin-messages.js';
import type { SelectOption } from '../views/admin-model.js';
import { AdEditPage, type AdStatus, AdsPage } from '../views/ads.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pickedImages } from './page-data.js';

function statusOf(ad: Ad, now: Date): AdStatus {
  if (!ad.enabled) return 'off';
  if (isLive(ad, now)) return 'live';
  return ad.startsAt > now ? 'scheduled' : 'ended';
}

/** Categories as the navigation has them, subcategories under their parent. */
async function categoryOptions(deps: AppDeps): Promise<{ options: SelectOption[]; names: Map<number, string> }> {
  const tree = buildCategoryTree(await listCategories(deps.db));
  const options = tree.topLevel.flatMap((c) => [{ value: String(c.id), label: c.name }, ...c.children.map((child) => ({ value: String(child.id), label: `${c.name} › ${child.name}` }))]);
  return { options, names: new Map(tree.all.map((c) => [c.id, c.name])) };
}

export function registerAdsPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/ads', { preHandler: staffPage(deps, 'settings.manage') }, async (request, reply) => {
    const now = deps.clock();
    const [ads, totals, settings, categories, chrome] = await Promise.all([
      listAds(deps.db),
      listAdTotals(deps.db),
      getSiteSettings(deps.db),
      categoryOptions(deps),
      adminChrome(deps, request, am.ads.title, 'admin'),
    ]);
    const rows = ads.map((ad) => ({
      ad,
      status: statusOf(ad, now),
      starts: shownDateTime(ad.startsAt),
      ends: ad.endsAt ? shownDateTime(ad.endsAt) : undefined,
      categoryNames: ad.categoryIds.map((id) => categories.names.get(id) ?? String(id)),
      impressions: totals.get(ad.id)?.impressions ?? 0,
      clicks: totals.get(ad.id)?.clicks ?? 0,
    }));
    return sendAdminPage(reply, AdsPage({ chrome, adsEnabled: settings.adsEnabled, grayMode: settings.grayMode !== 'off', rows, categories: categories.options, now }));
  });

  app.get<{ Params: { id: number } }>('/admin/ads/:id', { preHandler: staffPage(deps, 'settings.manage'), schema: { params: idParams } }, async (request, reply) => {
    const ad = await getAd(deps.db, request.params.id);
    const [days, categories, images, chrome] = await Promise.all([
      listAdDays(deps.db, ad.id),
      categoryOptions(deps),
      pickedImages(deps, [ad.mediaId]),
      adminChrome(deps, request, am.ads.editTitle(ad.title), 'admin'),
    ]);
    return sendAdminPage(reply, AdEditPage({ chrome, ad, image: ad.mediaId === null ? undefined : images.get(ad.mediaId), categories: categories.options, days }));
  });
}
