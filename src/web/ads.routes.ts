import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { MAX_ADS_PER_VIEW, recordAdClick, recordAdView } from '../ads/index.js';
import { anonymous, BODY_ERRORS, errorResponses } from '../http/api-schemas.js';
import { idParams } from '../http/route-schemas.js';

const VIEW_TOKEN = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

/**
 * The page's script reports the ads it showed, once per page view (in the
 * reader API's scope: JSON only, never stored by a cache). Signed-in staff
 * are given no token, so neither their views nor their clicks count.
 */
export function registerAdViewApi(scope: FastifyInstance, deps: AppDeps): void {
  scope.post<{ Body: { adIds: number[] } }>(
    '/api/ads/views',
    {
      schema: {
        tags: ['readers'],
        summary: '广告展示计数 / count one view of the ads a page showed (crawlers and floods from one address are not counted)',
        description:
          'Answers a view token for the page\'s ad links (/ad/{id}/click?v=TOKEN), which count one click per ad and view; null when nothing was counted. Sending the same view again counts it again only within the bound per address.',
        operationId: 'recordAdView',
        security: anonymous,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['adIds'],
          properties: { adIds: { type: 'array', minItems: 1, maxItems: MAX_ADS_PER_VIEW, items: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
        },
        response: { 200: { type: 'object', required: ['viewToken'], additionalProperties: false, properties: { viewToken: { type: ['string', 'null'] } } }, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (request) => {
      // Staff looking over their own site are no audience the advertiser pays for.
      if (request.staff) return { viewToken: null };
      return { viewToken: (await recordAdView(deps.db, { adIds: request.body.adIds, ip: request.ip, userAgent: request.headers['user-agent'] }, deps.clock())) ?? null };
    },
  );
}

/**
 * /ad/:id/click?v=TOKEN: counts the click (once per view that showed the ad)
 * and sends the reader to the ad's stored link, never to an address the
 * request names, so it cannot be used to send anyone elsewhere.
 */
export function registerAdClicks(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: number }; Querystring: { v?: string } }>(
    '/ad/:id/click',
    { schema: { params: idParams, querystring: { type: 'object', properties: { v: VIEW_TOKEN } } } },
    async (request, reply) => {
      const ad = await recordAdClick(deps.db, { adId: request.params.id, viewToken: request.query.v, ip: request.ip, userAgent: request.headers['user-agent'] }, deps.clock());
      return reply.header('Cache-Control', 'private, no-store').header('X-Robots-Tag', 'noindex').redirect(ad.linkUrl, 302);
    },
  );
}
