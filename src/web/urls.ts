import type { Script } from '../text/index.js';

/** The path prefix of the traditional-character pages; simplified pages have none. */
export const HANT_PREFIX = '/zh-hant';

/** Public URLs are permanent: /a/:id for articles, /c/:slug for categories. */
export const paths = {
  home: () => '/',
  article: (id: number) => `/a/${id}`,
  category: (slug: string, page = 1) => (page > 1 ? `/c/${slug}?page=${page}` : `/c/${slug}`),
};

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

/** Only paths on this site may be redirect targets (no //host or scheme tricks). */
export function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}
