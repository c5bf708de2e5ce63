import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { type Ad, AD_BODY_MAX, AD_LINK_MAX, AD_SLOTS, AD_TITLE_MAX, AD_WEIGHT_MAX, type AdInput, createAd, deleteAd, getAd, listAdDays, listAds, listAdTotals, updateAd } from '../../ads/index.js';
import { auditActor } from '../../content/index.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, noContent, ref } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const tags = ['ads'];
const figures = { impressions: { type: 'integer' }, clicks: { type: 'integer' } } as const;

/** An ad as the API answers it (components: Ad), with its figures to date. */
export const adSchema = {
  $id: 'Ad',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'slot', 'kind', 'title', 'body', 'mediaId', 'linkUrl', 'weight', 'startsAt', 'endsAt', 'enabled', 'categoryIds', 'createdAt', 'updatedAt', 'impressions', 'clicks'],
  properties: {
    id: { type: 'integer' },
    slot: { type: 'string', enum: AD_SLOTS },
    kind: { type: 'string', enum: ['image', 'text'], description: 'image: mediaId is set; text: title and body' },
    title: { type: 'string' },
    body: { type: 'string' },
    mediaId: { type: ['integer', 'null'] },
    linkUrl: { type: 'string' },
    weight: { type: 'integer' },
    startsAt: dateTime,
    endsAt: { ...dateTime, type: ['string', 'null'] },
    enabled: { type: 'boolean' },
    categoryIds: { type: 'array', items: { type: 'integer' }, description: 'empty: every page with the slot' },
    createdAt: dateTime,
    updatedAt: dateTime,
    ...figures,
  },
} as const;

/** The fields staff set; the same schema checks input and documents it. */
const adFields = {
  slot: { type: 'string', enum: AD_SLOTS, description: 'home_banner 首页横幅, sidebar 侧栏, in_article 正文段落间, below_article 文章下方, carousel_last 焦点图最后一帧' },
  title: { type: 'string', minLength: 1, maxLength: AD_TITLE_MAX, description: 'a text ad\'s headline; an image ad\'s alternative text' },
  body: { type: 'string', maxLength: AD_BODY_MAX },
  mediaId: { type: ['integer', 'null'], minimum: 1, maximum: 2147483647, description: 'an image from the media library (uploads there are checked to be images); null for a text ad' },
  linkUrl: { type: 'string', minLength: 1, maxLength: AD_LINK_MAX, description: 'http:// or https:// only' },
  weight: { type: 'integer', minimum: 1, maximum: AD_WEIGHT_MAX, description: 'shown in proportion to its weight among the live ads of its slot' },
  startsAt: { type: 'string', format: 'date-time' },
  endsAt: { type: ['string', 'null'], format: 'date-time', description: 'after startsAt; null: until switched off' },
  enabled: { type: 'boolean' },
  categoryIds: { type: 'array', maxItems: 200, items: { type: 'integer', minimum: 1, maximum: 2147483647 }, description: 'the categories (with their subcategories) whose pages show it; empty: every page' },
} as const;

interface AdBody extends Omit<AdInput, 'startsAt' | 'endsAt'> {
  startsAt: string;
  endsAt?: string | null;
}

const toInput = <T extends Partial<AdBody>>(body: T) => ({
  ...body,
  ...(body.startsAt !== undefined && { startsAt: new Date(body.startsAt) }),
  ...(body.endsAt !== undefined && { endsAt: body.endsAt === null ? null : new Date(body.endsAt) }),
});

const adJson = (ad: Ad, totals = { impressions: 0, clicks: 0 }) => ({
  ...ad,
  startsAt: ad.startsAt.toISOString(),
  endsAt: ad.endsAt?.toISOString() ?? null,
  createdAt: ad.createdAt.toISOString(),
  updatedAt: ad.updatedAt.toISOString(),
  ...totals,
});

/** 广告 for admins: CRUD and the figures per day. The switch for all ads is the site setting adsEnabled. */
export function registerAdApi(app: FastifyInstance, deps: AppDeps): void {
  const adOut = { 200: ref('Ad') };
  app.get(
    '/api/admin/ads',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '广告列表 / every ad, newest first, with its impressions and clicks to date',
        operationId: 'listAds',
        security: adminRead,
        response: { 200: { type: 'object', required: ['ads'], properties: { ads: { type: 'array', items: ref('Ad') } } }, ...errorResponses(401, 403) },
      },
    },
    async () => {
      const [ads, totals] = await Promise.all([listAds(deps.db), listAdTotals(deps.db)]);
      return { ads: ads.map((ad) => adJson(ad, totals.get(ad.id))) };
    },
  );

  app.post<{ Body: AdBody }>(
    '/api/admin/ads',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '新建广告 / create an ad',
        operationId: 'createAd',
        security: adminWrite,
        body: { type: 'object', additionalProperties: false, required: ['slot', 'title', 'linkUrl', 'startsAt'], properties: adFields },
        response: { 201: ref('Ad'), ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(adJson(await createAd(deps.db, toInput(request.body) as AdInput, auditActor(staffActor(request)), deps.clock()))),
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/ads/:id',
    {
      onRequest: requireStaff('settings.manage'),
      schema: { tags, summary: '一条广告 / one ad', operationId: 'getAd', security: adminRead, params: idParams, response: { ...adOut, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => adJson(await getAd(deps.db, request.params.id), (await listAdTotals(deps.db)).get(request.params.id)),
  );

  app.patch<{ Params: { id: number }; Body: Partial<AdBody> }>(
    '/api/admin/ads/:id',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '修改广告 / change an ad (only the fields sent); enabled: false withdraws it and keeps its figures',
        operationId: 'updateAd',
        security: adminWrite,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: adFields },
        response: { ...adOut, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (request) => {
      const ad = await updateAd(deps.db, request.params.id, toInput(request.body), auditActor(staffActor(request)), deps.clock());
      return adJson(ad, (await listAdTotals(deps.db)).get(ad.id));
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/ads/:id',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '删除广告 / delete an ad and its figures',
        operationId: 'deleteAd',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await deleteAd(deps.db, request.params.id, auditActor(staffActor(request)), deps.clock());
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/ads/:id/stats',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '广告数据 / impressions and clicks per Beijing day, newest first',
        description: 'One impression per page view that showed the ad, one click per view; crawlers and floods from one address are not counted.',
        operationId: 'getAdStats',
        security: adminRead,
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['days'],
            properties: {
              days: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['day', 'impressions', 'clicks'], properties: { day: { type: 'string', format: 'date' }, ...figures } } },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      await getAd(deps.db, request.params.id);
      return { days: await listAdDays(deps.db, request.params.id) };
    },
  );
}
