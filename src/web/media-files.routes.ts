import type { FastifyInstance } from 'fastify';
import { MEDIA_URL_PREFIX, type MediaStorage } from '../media/index.js';

/** Keys are random and never reused, so a browser or CDN may keep a file for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves stored media under /media/, streamed from the storage (local disk
 * or the bucket), for pages whose storage has no public base URL. A file
 * that is not there gets the site's 404 page; an unreachable store, a 503.
 */
export function registerMediaFiles(app: FastifyInstance, storage: MediaStorage): void {
  app.get<{ Params: { '*': string } }>(`${MEDIA_URL_PREFIX}*`, async (request, reply) => {
    const file = await storage.open(request.params['*']);
    if (!file) return reply.callNotFound();
    reply.header('Cache-Control', IMMUTABLE).header('X-Content-Type-Options', 'nosniff').type(file.contentType);
    if (file.byteSize !== undefined) reply.header('Content-Length', file.byteSize);
    return reply.send(file.body);
  });
}
