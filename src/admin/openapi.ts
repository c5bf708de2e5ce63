import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { registerApiSchemas } from '../http/api-schemas.js';
import { commentSchema } from '../web/reader-api.routes.js';
import { READER_COOKIE } from '../web/reader-context.js';
import { STAFF_COOKIE } from '../http/request-context.js';
import { adSchema } from './api/ads.routes.js';
import { articleSchema } from './api/article-json.js';
import { categorySchema } from './api/categories.routes.js';
import { mediaSchema } from './api/media.routes.js';
import { mediaLibraryItemSchema } from './api/media-library.routes.js';
import { siteSettingsResponseSchema } from './api/settings.routes.js';
import { searchPushSettingsResponseSchema } from './api/search-engines.routes.js';
import { smsSettingsResponseSchema } from './api/sms-settings.routes.js';
import { staffUserSchema } from './api/users.routes.js';
import { topicSchema } from './api/topic-json.js';
import { CSRF_HEADER } from './staff-auth.js';

/**
 * The OpenAPI document, generated from the routes' own schemas, at
 * /api/docs/json, with Swagger UI at /api/docs. Swagger UI's files are served
 * from the npm package: nothing is loaded from a CDN. The conventions every
 * operation follows are in web/api-schemas.ts; tests check every answer they
 * receive against this document (test-support/api-contract.ts).
 */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string | undefined): Promise<void> {
  registerApiSchemas(app, [articleSchema, commentSchema, categorySchema, staffUserSchema, mediaSchema, mediaLibraryItemSchema, siteSettingsResponseSchema, smsSettingsResponseSchema, searchPushSettingsResponseSchema, adSchema, topicSchema]);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'bendi admin and reader API',
        version: '1',
        description:
          'Admin operations (/api/admin/…) take `Authorization: Bearer TOKEN` (create one with `npx bendi token create --username NAME`) ' +
          `or the staff session cookie, plus the \`${CSRF_HEADER}\` header on anything that changes state. ` +
          'Reader operations (/api/…) use the reader cookie set by SMS sign-in. Bodies are JSON; unknown fields are refused (400). ' +
          'Every error answers the Error schema `{ error, message, field?, details? }` with a Chinese message. ' +
          'Times are ISO 8601 in UTC.',
      },
      servers: [{ url: publicUrl ?? '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A staff API token' },
          staffCookie: { type: 'apiKey', in: 'cookie', name: STAFF_COOKIE, description: 'The staff session, from POST /api/admin/session' },
          csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The session’s csrfToken, with the staff cookie on state-changing requests' },
          readerCookie: { type: 'apiKey', in: 'cookie', name: READER_COOKIE, description: 'The reader session, from POST /api/auth/sign-in' },
        },
      },
    },
    // Only the API belongs in the document, not the HTML pages.
    hideUntagged: true,
    // Shared schemas appear under components by their own names (Error, Article …), not def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI's own policy allows images from validator.swagger.io, fonts and styles from any
    // https: host and framing by this site; bendi's pages load nothing from other hosts and are never framed.
    transformStaticCSP: (policy) =>
      policy.replace(' validator.swagger.io', '').replace(/ https:/g, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
  });
}
