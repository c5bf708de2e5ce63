import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { rememberShared } from '../http/request-generation.js';
import { parseQueryString } from '../http/query-string.js';
import { buildCategoryTree, type CategoryTree, listCategories } from '../content/index.js';
import { findMediaItems, type MediaItem, srcsetFor } from '../media/index.js';
import { extended } from '../lib/extended.js';
import { copyrightYears, getSiteSettings, SITE_IMAGE_SETTINGS, type SiteSettings } from '../site/index.js';
import type { Script } from '../text/index.js';
import { assetUrls } from './assets.js';
import { paths, safeLocalPath, withoutScriptPrefix } from './urls.js';
import { currentNavOf, renderChromeFragments } from './views/chrome-fragments.js';
import type { ChromeFragments, ImageRef, SiteChrome, SiteChromeData } from './views/page-model.js';

export interface SiteContext {
  chrome: SiteChrome;
  settings: SiteSettings;
  categories: CategoryTree;
  /** Media by id for the site's own images (logo, QR codes). */
  siteImages: Map<number, MediaItem>;
}

export function toImageRef(deps: Pick<AppDeps, 'storage'>, item: MediaItem | undefined, alt?: string): ImageRef | undefined {
  if (!item) return undefined;
  const srcset = srcsetFor(item, deps.storage);
  return {
    src: deps.storage.urlFor(item.storageKey),
    width: item.width,
    height: item.height,
    alt: alt ?? item.altText,
    ...(srcset ? { srcset } : {}),
  };
}

/** A site without a logo is shared with its generated icon (see site-icons), never without a picture. */
export const defaultShareImage = (siteName: string): ImageRef => ({ src: paths.icon(512), width: 512, height: 512, alt: siteName });

type SiteData = Pick<SiteContext, 'settings' | 'categories' | 'siteImages'> & {
  /**
   * The chrome's fragments rendered from this data, by script, footer years
   * and current section: kept with the data they come from, so they go with
   * it, and a change can never leave fragments of the old data in place.
   */
  renderedChrome: Map<string, ChromeFragments>;
};

async function loadSiteData(deps: AppDeps): Promise<SiteData> {
  const [settings, categoryList] = await Promise.all([getSiteSettings(deps.db), listCategories(deps.db)]);
  const siteImages = await findMediaItems(deps.db, SITE_IMAGE_SETTINGS.map((key) => settings[key]));
  return { settings, categories: buildCategoryTree(categoryList), siteImages, renderedChrome: new Map() };
}

/**
 * The page a request is for, as the page's links to itself in the other script
 * or in elder mode write it: the path without its script prefix, and of the
 * query only the parameters the route's schema kept, as the page cache's key
 * does. The raw URL would put whatever a visitor appended (?utm_source="…) into
 * a page kept for every reader; an address that is no local path, such as
 * //elsewhere.example on a 404, becomes the home page.
 */
export function pageAddress(request: FastifyRequest): string {
  const queryStart = request.url.indexOf('?');
  const path = withoutScriptPrefix(queryStart === -1 ? request.url : request.url.slice(0, queryStart));
  const kept = request.routeOptions.schema?.querystring ? (request.query as Record<string, unknown>) : {};
  // Read as the route read it (a GBK value as GBK, see parseQueryString) and written back in UTF-8.
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parseQueryString(queryStart === -1 ? '' : request.url.slice(queryStart + 1)))) {
    if (name in kept) for (const each of [value].flat()) query.append(name, each);
  }
  const search = query.toString();
  return safeLocalPath(search ? `${path}?${search}` : path, paths.home());
}

/**
 * Loads what every page shows around its content: settings, navigation and
 * the footer's images, and the chrome's fragments rendered from them. They
 * change rarely, so they are kept with the page cache and cleared with it.
 */
export function loadSiteContext(deps: AppDeps, request: FastifyRequest, script: Script): Promise<SiteContext> {
  return siteContextAt(deps, request, script, { origin: request.pageOrigin, path: pageAddress(request), elderMode: request.readerPrefs.elder });
}

/** Where a page is and how it is shown: what loadSiteContext reads off a request that passed the site's hooks. */
export interface PagePlace {
  origin: string;
  path: string;
  elderMode: boolean;
}

/**
 * The site context for a page at `place`, for a request the site's hooks never saw (see plainErrorPageSender);
 * the request's generation of the page cache, read once for all it shares (rememberShared), comes with it.
 */
export async function siteContextAt(deps: AppDeps, request: FastifyRequest, script: Script, { origin, path, elderMode }: PagePlace): Promise<SiteContext> {
  const now = deps.clock();
  const { settings, categories, siteImages, renderedChrome } = await rememberShared(request, 'site-data', () => loadSiteData(deps));
  const image = (id: number | null) => toImageRef(deps, id === null ? undefined : siteImages.get(id));
  const data: SiteChromeData = {
    settings,
    nav: categories.topLevel.map((c) => ({
      name: c.name,
      href: paths.category(c.slug),
      children: c.children.map((child) => ({ name: child.name, href: paths.category(child.slug) })),
    })),
    logo: image(settings.logoMediaId),
    shareImage: image(settings.logoMediaId) ?? defaultShareImage(settings.siteName),
    wechatQr: image(settings.wechatOfficialAccountQrMediaId),
    serviceQr: image(settings.wechatServiceQrMediaId),
    copyrightYears: copyrightYears(settings.copyrightStartYear, now),
    script,
    elderMode,
    grayMode: settings.grayMode === 'site' || (settings.grayMode === 'home' && path === paths.home()),
    path,
    origin,
    assets: assetUrls,
  };
  const currentNav = currentNavOf(data);
  const fragmentsKey = `${script}|${data.copyrightYears}|${currentNav}`;
  let fragments = renderedChrome.get(fragmentsKey);
  if (!fragments) {
    fragments = renderChromeFragments(data, currentNav);
    renderedChrome.set(fragmentsKey, fragments);
  }
  return { chrome: extended(data, { fragments }), settings, categories, siteImages };
}

