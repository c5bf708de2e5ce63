import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { findReaderBySessionToken, type Reader } from '../readers/index.js';

export const READER_COOKIE = 'bendi_reader';
/** A random id per browser for read counting; it identifies no person. */
export const VISITOR_COOKIE = 'bendi_v';

declare module 'fastify' {
  interface FastifyRequest {
    reader: Reader | undefined;
  }
}

/**
 * Finds the signed-in reader for the readers' API. Pages never look: they
 * are the same for every reader (and cached), and what is personal — the
 * reader's own pending comments, whether they liked — comes from the API.
 */
export function registerReaderContext(scope: FastifyInstance, deps: AppDeps): void {
  scope.decorateRequest('reader', undefined);
  scope.addHook('onRequest', async (request) => {
    const token = request.cookies[READER_COOKIE];
    if (token) request.reader = await findReaderBySessionToken(deps.db, token, deps.clock());
  });
}
