import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI document, generated from the routes' own schemas, at
 * /api/docs/json, with Swagger UI at /api/docs. Swagger UI's files are served
 * from the npm package: nothing is loaded from a CDN.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'bendi admin and reader API',
        version: '1',
        description:
          'Admin endpoints (/api/admin/…) take `Authorization: Bearer TOKEN` (create one with `npx bendi token create --username NAME`) ' +
          'or the staff session cookie plus the `x-csrf-token` header. Errors answer `{ error, message, field? }` with a Chinese message.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    // Only the API belongs in the document, not the HTML pages.
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
