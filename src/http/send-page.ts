import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from '../lib/jsx.js';
import { type Script, toTraditional } from '../text/index.js';
import { preferredEncoding } from './compression.js';
import { matchesIfNoneMatch } from './if-none-match.js';
import { FinishedPage, type PagePool } from './page-cache.js';
import { generationOf } from './request-generation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The page cache's key of the kept page sendPage answered with, for the kept-page lane (see KeptPageLane). */
    keptPage: { key: string; pool: PagePool } | undefined;
  }
}

/** Renders a view to a complete document in the page's script. */
export function renderDocument(view: Html, script: Script): string {
  const html = `<!doctype html>${view.html}`;
  return script === 'hant' ? toTraditional(html) : html;
}

/**
 * What makes two page requests the same page: the route, its parameters and
 * the query after schema validation (which drops parameters the route does
 * not know, so `?utm_source=…` or random noise cannot split or flood the
 * cache), plus the origin and the reader's display mode.
 */
function pageKey(request: FastifyRequest): string {
  const mode = request.readerPrefs.elder ? 'elder' : 'std';
  return `${request.pageOrigin}|${mode}|${request.routeOptions.url}|${JSON.stringify(request.params)}|${JSON.stringify(request.query)}`;
}

/**
 * Answers a page request. Pages for readers who are not signed in are taken
 * from, or put into, the page cache, and concurrent requests for one such
 * page share its build (see PageCache.pageFor); staff pages are built every time and
 * never stored by anyone (they may show unpublished content), and so are
 * `personal` pages (我的), which show one reader's own data. Search results
 * go to the cache's `queries` pool (see PagePool). Feeds,
 * sitemaps and the like pass their own content type and go the same way, so
 * they follow every change as pages do.
 */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  build: () => Promise<string>,
  options: { status?: number; contentType?: string; personal?: boolean; pool?: PagePool } = {},
): Promise<FastifyReply> {
  const status = options.status ?? 200;
  const cache = request.server.pageCache;
  const shared = !request.staff && !options.personal && status === 200 && cache.admitsOrigin(request.pageOrigin);
  let page: FinishedPage;
  if (shared) {
    const key = pageKey(request);
    page = await cache.pageFor(key, await generationOf(request), build, options.pool, () => request.builtFromKeptUntil);
    // The lane may answer the next request like this one with the same page (see KeptPageLane), should it be kept.
    request.keptPage = { key, pool: options.pool ?? 'site' };
  } else page = new FinishedPage(await build(), { kept: false });
  reply
    .code(status)
    .type(options.contentType ?? 'text/html; charset=utf-8')
    .header('Vary', 'Accept-Encoding, Cookie')
    .header('Cache-Control', shared ? 'no-cache' : 'private, no-store');
  // Compressed here, not by @fastify/compress, so that each coding has its own ETag; a kept page is compressed once for all readers.
  const encoding = preferredEncoding(request);
  if (status === 200) {
    const etag = page.etagFor(encoding);
    reply.header('ETag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  }
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.send(page.encodedAs(encoding));
}
