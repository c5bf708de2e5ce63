import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
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

/** Where the document and Swagger UI are served. */
const DOCS_PREFIX = '/api/docs';

/** `.` or `..` as a path segment, written out or escaped. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** Headers of the docs app's answer that belong to its own connection, not to the one it is forwarded on. */
const CONNECTION_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/**
 * The OpenAPI document, generated from the routes' own schemas, at
 * /api/docs/json, with Swagger UI at /api/docs. Swagger UI's files are served
 * from the npm package: nothing is loaded from a CDN. The conventions every
 * operation follows are in web/api-schemas.ts; tests check every answer they
 * receive against this document (test-support/api-contract.ts).
 *
 * Both live in an app of their own, built on the first visit to /api/docs
 * from the API routes recorded here, which this app forwards those visits
 * to: loading and registering @fastify/swagger and Swagger UI was about a
 * sixth of the CPU an instance spent before its first answer (140 of
 * 820 ms), for pages a reader-facing instance may never be asked for.
 */
export function registerOpenApi(app: FastifyInstance, publicUrl: string | undefined): void {
  registerApiSchemas(app, [articleSchema, commentSchema, categorySchema, staffUserSchema, mediaSchema, mediaLibraryItemSchema, siteSettingsResponseSchema, smsSettingsResponseSchema, searchPushSettingsResponseSchema, adSchema, topicSchema]);
  const apiRoutes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    // Fastify's HEAD twin of each GET is made again where the route is replayed; @fastify/swagger leaves it out too.
    if (route.url.startsWith('/api/') && !route.url.startsWith(DOCS_PREFIX) && route.method !== 'HEAD') apiRoutes.push(route);
  });
  let docsApp: Promise<FastifyInstance> | undefined;
  const forwardToDocs = async (request: FastifyRequest, reply: FastifyReply) => {
    // inject would resolve /api/docs/../admin to an API route of the docs app, where nothing is served.
    if (DOT_SEGMENT.test(request.url.split('?')[0]!)) return reply.callNotFound();
    docsApp ??= buildDocsApp(apiRoutes, app, publicUrl).catch((error: unknown) => {
      docsApp = undefined;
      throw error;
    });
    // Always GET: for a HEAD, Fastify drops the body of this app's answer itself.
    const answer = await (await docsApp).inject({ method: 'GET', url: request.url, headers: request.headers });
    // This app's own 404 page and error handling, in Chinese and logged, rather than the docs app's.
    if (answer.statusCode === 404) return reply.callNotFound();
    if (answer.statusCode >= 500) throw new Error(`the API docs answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !CONNECTION_HEADERS.has(name)) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  app.get(DOCS_PREFIX, forwardToDocs);
  app.get(`${DOCS_PREFIX}/*`, forwardToDocs);
  app.addHook('onClose', async () => {
    await docsApp?.then((docs) => docs.close(), () => undefined);
  });
}

/**
 * An app that serves only the document and Swagger UI, with a route for each
 * API route recorded (its schema, config and address, never called) and the
 * shared schemas those refer to. Its routes' schemas are not compiled: no
 * request reaches their handlers.
 */
async function buildDocsApp(apiRoutes: readonly RouteOptions[], api: FastifyInstance, publicUrl: string | undefined): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  const docs = Fastify({ loggerInstance: api.log, routerOptions: { ignoreTrailingSlash: true } });
  try {
    docs.setValidatorCompiler(() => () => true);
    docs.setSerializerCompiler(() => (data) => JSON.stringify(data));
    for (const schema of Object.values(api.getSchemas())) docs.addSchema(schema);
    await docs.register(swagger, {
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
    await docs.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      staticCSP: true,
      // Swagger UI's own policy allows images from validator.swagger.io, fonts and styles from any
      // https: host and framing by this site; bendi's pages load nothing from other hosts and are never framed.
      transformStaticCSP: (policy) =>
        policy.replace(' validator.swagger.io', '').replace(/ https:/g, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
    });
    const notServed = async () => {
      throw new Error('the docs app answers only for its document');
    };
    for (const route of apiRoutes) docs.route({ method: route.method, url: route.url, schema: route.schema, config: route.config, constraints: route.constraints, handler: notServed });
    await docs.ready();
    return docs;
  } catch (error) {
    // Built again on the next visit: this one holds nothing worth keeping.
    await docs.close().catch(() => undefined);
    throw error;
  }
}
