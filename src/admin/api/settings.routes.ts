import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { auditActor } from '../../content/index.js';
import { getSiteSettings, homeLayoutSchema, type SiteSettings, updateSiteSettings } from '../../site/index.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, ref } from '../../http/api-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const mediaId = { type: ['integer', 'null'], minimum: 1, maximum: 2147483647 } as const;

/** Every site setting with what it may hold; the same schema checks input and documents the API. */
export const siteSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    siteName: { type: 'string', minLength: 1, maxLength: 50 },
    siteDomain: { type: 'string', maxLength: 100, pattern: '^([a-z0-9-]+\\.)*[a-z0-9-]*$' },
    tagline: text(100),
    logoMediaId: mediaId,
    copyrightHolder: text(100),
    copyrightStartYear: { type: ['integer', 'null'], minimum: 1990, maximum: 2100 },
    contactEmail: { type: 'string', maxLength: 100, pattern: '^([^@\\s]+@[^@\\s]+)?$' },
    legalCounsel: text(100),
    publicSecurityFilingNumber: text(60),
    publicSecurityFilingCode: { type: 'string', maxLength: 20, pattern: '^\\d*$' },
    icpNumber: text(60),
    telecomLicence: text(60),
    servicePhone: { type: 'string', maxLength: 30, pattern: '^[0-9+\\- ]*$' },
    serviceHours: text(60),
    serviceQq: { type: 'string', maxLength: 15, pattern: '^\\d*$' },
    wechatOfficialAccountName: text(50),
    wechatOfficialAccountQrMediaId: mediaId,
    wechatServiceQrMediaId: mediaId,
    articleQrMediaId: mediaId,
    reprintDisclaimer: text(500),
    commentPledge: text(200),
    reportPhone: { type: 'string', maxLength: 30, pattern: '^[0-9+\\- ]*$' },
    reportEmail: { type: 'string', maxLength: 100, pattern: '^([^@\\s]+@[^@\\s]+)?$' },
    grayMode: { type: 'string', enum: ['off', 'site', 'home'] },
    adsEnabled: { type: 'boolean' },
    ...homeLayoutSchema.properties,
    articlesPerPage: { type: 'integer', minimum: 5, maximum: 100 },
    feedContent: { type: 'string', enum: ['full', 'summary'] },
    reviewLevels: { type: 'integer', enum: [1, 2] },
    licensedSources: { type: 'array', maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 100 } },
    watermarkText: text(30),
    watermarkMediaId: mediaId,
    watermarkPosition: { type: 'string', enum: ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'center'] },
    commentsEnabled: { type: 'boolean' },
    commentModeration: { type: 'string', enum: ['pre', 'post'] },
    commentTrustAfter: { type: 'integer', minimum: 0, maximum: 100 },
    commentRateLimits: {
      type: 'object',
      additionalProperties: false,
      required: ['perReaderPerMinute', 'perReaderPerHour', 'perAddressPerMinute'],
      properties: {
        perReaderPerMinute: { type: 'integer', minimum: 1, maximum: 100000 },
        perReaderPerHour: { type: 'integer', minimum: 1, maximum: 1000000 },
        perAddressPerMinute: { type: 'integer', minimum: 1, maximum: 100000 },
      },
    },
  },
} as const;

/** The settings as the API answers them (components: SiteSettings). */
export const siteSettingsResponseSchema = { $id: 'SiteSettings', ...siteSettingsSchema } as const;

const tags = ['settings'];

export function registerSettingsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/settings',
    { onRequest: requireStaff('article.view'), schema: { tags, summary: '站点设置 / site settings', operationId: 'getSettings', security: adminRead, response: { 200: ref('SiteSettings'), ...errorResponses(401, 403) } } },
    async () => getSiteSettings(deps.db),
  );

  app.patch<{ Body: Partial<SiteSettings> }>(
    '/api/admin/settings',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '修改站点设置 / change settings (only the keys sent)',
        operationId: 'updateSettings',
        security: adminWrite,
        body: { ...siteSettingsSchema, minProperties: 1 },
        response: { 200: ref('SiteSettings'), ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request) => updateSiteSettings(deps.db, request.body, auditActor(staffActor(request)), deps.clock()),
  );
}
