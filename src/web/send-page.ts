import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Script, toTraditional } from '../text/index.js';
import { type CachedPage, compressPage } from './page-cache.js';

/** Renders a view to a complete document in the page's script. */
export function renderDocument(view: VNode, script: Script): string {
  const html = `<!doctype html>${renderToString(view)}`;
  return script === 'hant' ? toTraditional(html) : html;
}

/**
 * Answers a page request. Pages for readers who are not signed in are taken
 * from, or put into, the page cache; staff pages are built every time and
 * never stored by anyone (they may show unpublished content).
 */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  build: () => Promise<string>,
  options: { status?: number } = {},
): Promise<FastifyReply> {
  const status = options.status ?? 200;
  const cache = request.server.pageCache;
  const shared = !request.staff && status === 200;
  const key = `${request.pageOrigin}|${request.readerPrefs.elder ? 'elder' : 'std'}|${request.url}`;
  let page = shared ? cache.get(key) : undefined;
  if (!page) {
    const html = await build();
    page = shared ? cache.put(key, html) : compressPage(html, 0);
  }
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Vary', 'Accept-Encoding, Cookie')
    .header('Cache-Control', shared ? 'no-cache' : 'private, no-store');
  if (status === 200) {
    reply.header('ETag', page.etag);
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  }
  return sendCompressed(request, reply, page);
}

function sendCompressed(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return reply.header('Content-Encoding', 'br').send(page.brotli);
  if (/\bgzip\b/.test(accepted)) return reply.header('Content-Encoding', 'gzip').send(page.gzip);
  return reply.send(page.html);
}
