import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../lib/errors.js';
import { getSearchPushSettings, indexNowKeyPath } from '../search-push/index.js';
import { getSiteSettings } from '../site/index.js';
import { noQuery } from '../http/route-schemas.js';
import { sendPage } from '../http/send-page.js';
import { rememberShared } from '../http/request-generation.js';
import { type IconSet, PNG_ICON_SIZES, SiteIcons, THEME_COLOR } from './site-icons.js';
import { sitemapPaths } from './sitemap.routes.js';
import { paths } from './urls.js';

/**
 * Icons change only with the logo; an hour is how long a browser may show the old one after that.
 * The default icon standing in for a logo the store could not give is asked for again each time.
 */
const iconCacheControl = (icons: IconSet) => (icons.provisional ? 'no-cache' : 'public, max-age=3600');

/**
 * robots.txt: crawlers may read every reader page and are shown the
 * sitemaps; the newsroom, the APIs and the preference switches (redirects
 * that only set a cookie) and the ad click redirects are no pages to index.
 */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /prefs/',
    'Disallow: /ad/',
    '',
    `Sitemap: ${origin}${sitemapPaths.index}`,
    `Sitemap: ${origin}${sitemapPaths.news}`,
    '',
  ].join('\n');
}

function webAppManifest(siteName: string): string {
  return JSON.stringify({
    name: siteName,
    short_name: siteName,
    lang: 'zh-Hans',
    start_url: paths.home(),
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: THEME_COLOR,
    icons: PNG_ICON_SIZES.filter((size) => size !== 180).map((size) => ({ src: paths.icon(size), sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
  });
}

/** The files crawlers and browsers ask every site for: robots.txt, the web-app manifest, favicon.ico and the icons. */
export function registerSiteFiles(app: FastifyInstance, deps: AppDeps): void {
  const icons = new SiteIcons(deps);
  const settings = (request: FastifyRequest) => rememberShared(request, 'settings', () => getSiteSettings(deps.db));

  app.get('/robots.txt', { schema: { querystring: noQuery } }, (request, reply) =>
    sendPage(request, reply, async () => robotsTxt(request.pageOrigin), { contentType: 'text/plain; charset=utf-8' }),
  );
  app.get(paths.manifest(), { schema: { querystring: noQuery } }, (request, reply) =>
    sendPage(request, reply, async () => webAppManifest((await settings(request)).siteName), { contentType: 'application/manifest+json; charset=utf-8' }),
  );
  app.get(paths.favicon(), { schema: { querystring: noQuery } }, async (request, reply) => {
    const set = await icons.get(await settings(request));
    return reply.header('Cache-Control', iconCacheControl(set)).type('image/x-icon').send(set.ico);
  });
  // IndexNow's proof that the site is ours: the key, in a text file named after it (keyLocation in every push).
  app.get<{ Params: { key: string } }>(indexNowKeyPath(':key'), { schema: { querystring: noQuery } }, async (request, reply) => {
    const { indexNowKey } = await getSearchPushSettings(deps.db);
    if (indexNowKey === '' || request.params.key !== indexNowKey) throw notFound('site.page_not_found');
    return reply.header('Cache-Control', 'no-cache').type('text/plain; charset=utf-8').send(indexNowKey);
  });
  for (const size of PNG_ICON_SIZES) {
    app.get(paths.icon(size), { schema: { querystring: noQuery } }, async (request, reply) => {
      const set = await icons.get(await settings(request));
      return reply.header('Cache-Control', iconCacheControl(set)).type('image/png').send(set.png.get(size));
    });
  }
}
