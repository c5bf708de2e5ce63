import { guardedFetch, type GuardedFetchOptions } from '../lib/guarded-fetch.js';
import { MAX_IMAGE_BYTES } from './image-info.js';

export { isRefusedAddress } from '../lib/guarded-fetch.js';

export type FetchImageOptions = GuardedFetchOptions;

export const DEFAULT_FETCH_IMAGE: FetchImageOptions = { timeoutMs: 10_000, maxBytes: MAX_IMAGE_BYTES, maxRedirects: 3, allowedPrivateHosts: [] };

export type FetchImage = (url: string) => Promise<Buffer>;

/**
 * A fetcher for images on other sites, through the address guard (see
 * guardedFetch): what it downloads is checked as an image by uploadImage.
 *
 * Throws Invalid 'media.fetch_bad_url', 'media.fetch_refused_address',
 * 'media.fetch_unreachable', 'media.fetch_timeout',
 * 'media.fetch_too_large', 'media.fetch_http_status' or
 * 'media.fetch_too_many_redirects'.
 */
export function imageFetcher(options: FetchImageOptions = DEFAULT_FETCH_IMAGE): FetchImage {
  return async (url) => (await guardedFetch(url, options, { accept: 'image/*', errors: 'media.fetch' })).body;
}
