import type { Script } from '../text/index.js';

/** The path prefix of the traditional-character pages; simplified pages have none. */
export const HANT_PREFIX = '/zh-hant';

/** Public URLs are permanent: /a/:id for articles, /c/:slug for categories, /t/:name for tags, /zt/:slug for 专题. */
export const paths = {
  home: () => '/',
  article: (id: number) => `/a/${id}`,
  /** The QR code of the article's address in the same script, for the share panel. */
  articleQr: (id: number) => `/a/${id}/qr.svg`,
  category: (slug: string, page = 1) => (page > 1 ? `/c/${slug}?page=${page}` : `/c/${slug}`),
  /** A tag's page: its name percent-encoded, so it survives any address bar and the 繁體 conversion of the page. */
  tag: (name: string, page = 1) => `/t/${encodeURIComponent(name)}${page > 1 ? `?page=${page}` : ''}`,
  /** A 专题 (special-topic page), and the list of them. */
  topic: (slug: string) => `/zt/${slug}`,
  topics: () => '/zt',
  /** The whole site's feed, or a category's (with its children). */
  feed: (format: FeedFormat, categorySlug?: string) => `${categorySlug ? `/c/${categorySlug}` : ''}/${FEED_FILES[format]}`,
  favicon: () => '/favicon.ico',
  /** Square PNG icons, for the web-app manifest and link previews. */
  icon: (size: number) => `/icons/${size}.png`,
  manifest: () => '/manifest.webmanifest',
  me: () => '/me',
  /** Counts a click on an ad (once per view token) and sends the reader to the ad's stored link. */
  adClick: (id: number) => `/ad/${id}/click`,
  /** /search?q=…, with only the filters that are set, and the page from 2 on. */
  search: (params: { q?: string; c?: string; from?: string; to?: string; page?: number } = {}) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value && !(name === 'page' && value === 1)) query.set(name, String(value));
    const text = query.toString();
    return text ? `/search?${text}` : '/search';
  },
};

export type FeedFormat = 'rss' | 'atom';
const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml' };

/** An address a crawler can follow from anywhere: storage may give a path on this site or a full bucket URL. */
export const absoluteUrl = (origin: string, src: string) => new URL(src, origin).href;

/** The same page in the given script. */
export function inScript(path: string, script: Script): string {
  if (script === 'hans') return path;
  return path === '/' ? `${HANT_PREFIX}/` : HANT_PREFIX + path;
}

/** A request path without its script prefix, e.g. /zh-hant/a/3 → /a/3. */
export function withoutScriptPrefix(path: string): string {
  if (path === HANT_PREFIX || path.startsWith(`${HANT_PREFIX}/`) || path.startsWith(`${HANT_PREFIX}?`)) {
    const rest = path.slice(HANT_PREFIX.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return path;
}

/**
 * A redirect target on this site, ready for a Location header, or the
 * fallback. Control characters and backslashes are refused outright:
 * browsers drop tabs and newlines from URLs, so "/\t/evil.example" would
 * become "//evil.example", another site. Other characters (Chinese paths)
 * are percent-encoded, as a header must be.
 */
export function safeLocalPath(path: string | undefined, fallback: string): string {
  if (!path || !/^\/(?![/\\])/.test(path) || /[\u0000-\u001f\u007f\\]/.test(path)) return fallback;
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return fallback;
  }
}
