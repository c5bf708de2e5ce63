import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The page cache's generation as this request read it first (see generationOf); undefined until then. */
    pageGeneration: Promise<string | undefined> | undefined;
    /** When the first of the kept data this request's page is built from expires (see rememberShared). */
    builtFromKeptUntil: number | undefined;
  }
}

/**
 * The page cache's generation for this request (PageCache.sync): read at the request's first look at
 * the cache, sendPage's or the first shared data its page loads (an error page's), and held for the
 * rest of it. With Redis each look was a GET, one after another: an article page rendered asked three
 * times, a section's six. A request that began before a change may still be built from what the change
 * replaces, as it would have been had it been answered a moment sooner; what it keeps is dropped by the next
 * request's own read of the generation (PageCache.sync), so it is never served to a request that reads the
 * generation after the change. Requests still running across a change load their shared data each for
 * itself, keeping none (PageCache.remember).
 */
export function generationOf(request: FastifyRequest): Promise<string | undefined> {
  return (request.pageGeneration ??= request.server.pageCache.sync());
}

/**
 * Data many pages share (PageCache.remember), as the request's generation has it. The request notes until
 * when it is kept, so that a page built from it is kept no longer (PageCache.putPage).
 */
export async function rememberShared<T>(request: FastifyRequest, key: string, load: () => Promise<T>, keeps?: (value: T) => boolean): Promise<T> {
  const cache = request.server.pageCache;
  const generation = await generationOf(request);
  const value = cache.remember(generation, key, load, keeps);
  const keptUntil = cache.keptUntil(generation, key);
  if (keptUntil !== undefined) request.builtFromKeptUntil = Math.min(request.builtFromKeptUntil ?? keptUntil, keptUntil);
  return value;
}
