import { guardedFetch, type GuardedFetchOptions } from '../lib/guarded-fetch.js';
import { invalid } from '../lib/errors.js';

/** A page of another site, as text, with the address it was finally served from. */
export interface FetchedPage {
  html: string;
  url: string;
}

export type FetchPage = (url: string) => Promise<FetchedPage>;

/** An article page is tens to hundreds of kilobytes; a portal's front page a few megabytes. Beyond that it is not an article. */
export const DEFAULT_FETCH_PAGE: GuardedFetchOptions = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5, allowedPrivateHosts: [] };

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** The charset a page declares, in its header or in its first <meta>: many Chinese news sites still serve GBK or GB2312. */
function declaredCharset(contentType: string, body: Buffer): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 4096).toString('latin1'))?.[1];
  return (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
}

function decode(body: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    // An unknown label: UTF-8 is what the page most likely is.
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Fetches a page to reprint through the address guard (see guardedFetch):
 * refuses what is not HTML, decodes what is by its declared charset.
 *
 * Throws Invalid 'reprint.fetch_*' (see FetchFailure) or 'reprint.not_html'.
 */
export function pageFetcher(options: GuardedFetchOptions = DEFAULT_FETCH_PAGE): FetchPage {
  return async (url) => {
    const page = await guardedFetch(url, options, { accept: 'text/html,application/xhtml+xml', errors: 'reprint.fetch' });
    const type = page.contentType.split(';')[0]!.trim();
    if (!HTML_TYPES.includes(type)) throw invalid('reprint.not_html', { contentType: type || '未说明类型' });
    return { html: decode(page.body, declaredCharset(page.contentType, page.body)), url: page.url };
  };
}
