import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_CACHE_CONTROL, MEDIA_URL_PREFIX, type MediaStorage } from '../media/index.js';

/**
 * Serves stored media under /media/, streamed from the storage (local disk
 * or the bucket), for pages whose storage has no public base URL. A file
 * that is not there gets the site's 404 page; an unreachable store, a 503.
 */
export function registerMediaFiles(app: FastifyInstance, storage: MediaStorage): void {
  const serve = (headOnly: boolean) => async (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    const file = await storage.open(request.params['*']);
    if (!file) return reply.callNotFound();
    reply.header('Cache-Control', MEDIA_CACHE_CONTROL).type(file.contentType);
    if (file.byteSize !== undefined) reply.header('Content-Length', file.byteSize);
    if (!headOnly) return reply.send(file.body);
    // Fastify's own HEAD route would read the whole stream to discard it: a HEAD flood would then
    // download every file from the bucket. The stream is closed unread instead.
    file.body.destroy();
    return reply.send();
  };
  app.get(`${MEDIA_URL_PREFIX}*`, { exposeHeadRoute: false }, serve(false));
  app.head(`${MEDIA_URL_PREFIX}*`, serve(true));
}
