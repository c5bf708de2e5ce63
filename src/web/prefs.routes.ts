import type { FastifyInstance } from 'fastify';
import { COOKIE_OPTIONS } from '../http/cookies.js';
import { ELDER_COOKIE } from '../http/request-context.js';
import { safeLocalPath } from './urls.js';

const ONE_YEAR_SECONDS = 365 * 86_400;

/**
 * Reader preferences that work without JavaScript: a link sets a cookie and
 * comes back to the page. Only local paths are accepted as the way back.
 */
export function registerPrefsRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { on: 0 | 1; next?: string } }>(
    '/prefs/elder',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { on: { type: 'integer', enum: [0, 1] }, next: { type: 'string', maxLength: 2000 } },
          required: ['on'],
        },
      },
    },
    (request, reply) => {
      const next = safeLocalPath(request.query.next, '/');
      reply.header('Cache-Control', 'no-store');
      if (request.query.on === 1) {
        reply.setCookie(ELDER_COOKIE, '1', { ...COOKIE_OPTIONS, maxAge: ONE_YEAR_SECONDS });
      } else {
        reply.clearCookie(ELDER_COOKIE, COOKIE_OPTIONS);
      }
      return reply.redirect(next, 303);
    },
  );
}
