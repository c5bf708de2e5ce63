import type { FastifyInstance } from 'fastify';
import { can } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { auditActor, updateImageAlt } from '../../content/index.js';
import { deleteMedia, getMediaItem, listMediaLibrary, listMediaUses, MAX_ALT_LENGTH, type MediaLibraryItem } from '../../media/index.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, ref } from '../../http/api-schemas.js';
import { idParams, pageNumber, pageSize } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { mediaJson, mediaSchema } from './media.routes.js';

const tags = ['media'];
/** Said when a deleted image's files outlive it for a while: whoever deleted it for privacy should know its URL still answers. */
const FILES_PENDING_MESSAGE = '图片已删除，但图片存储暂时连不上，图片文件还能通过原来的网址打开；存储恢复后会自动删除。';
const CONTENT_TYPES = mediaSchema.properties.contentType.enum;

/** An image in the library (components: MediaLibraryItem): the Media fields, and who uploaded it, when, and how often it is used. */
export const mediaLibraryItemSchema = {
  $id: 'MediaLibraryItem',
  type: 'object',
  required: [...mediaSchema.required, 'fileName', 'uploader', 'createdAt', 'useCount'],
  properties: {
    ...mediaSchema.properties,
    fileName: { type: 'string', description: "As the uploader's computer named it; the stored name for older uploads" },
    uploader: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    createdAt: dateTime,
    useCount: { type: 'integer', description: 'How many things use it: articles (each once, as lead image or in the body), 专题 banners, ads and site settings' },
  },
} as const;

const useKind = (kind: string, description: string) => ({ type: 'string', enum: [kind], description }) as const;
/** An article's or a 专题's: they share the review workflow. */
const reviewStatus = { type: 'string', enum: ['draft', 'pending', 'published', 'rejected', 'withdrawn'] } as const;

/** One thing that shows an image, by its kind (media/media-uses.ts). */
const useSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'articleId', 'title', 'status', 'places'],
      properties: {
        kind: useKind('article', 'An article'),
        articleId: { type: 'integer' },
        title: { type: 'string' },
        status: reviewStatus,
        places: { type: 'array', items: { type: 'string', enum: ['lead', 'body'] }, description: 'lead: its lead image; body: in its text' },
      },
    },
    {
      type: 'object',
      required: ['kind', 'topicId', 'title', 'status', 'places'],
      properties: {
        kind: useKind('topic', 'A 专题'),
        topicId: { type: 'integer' },
        title: { type: 'string' },
        status: reviewStatus,
        places: { type: 'array', items: { type: 'string', enum: ['banner', 'intro'] }, description: 'banner: its banner; intro: in its introduction' },
      },
    },
    { type: 'object', required: ['kind', 'adId', 'title'], properties: { kind: useKind('ad', 'An image ad'), adId: { type: 'integer' }, title: { type: 'string' } } },
    {
      type: 'object',
      required: ['kind', 'setting'],
      properties: { kind: useKind('setting', 'A site setting'), setting: { type: 'string', description: 'Its key, e.g. logoMediaId, watermarkMediaId' } },
    },
  ],
} as const;

interface LibraryQuery {
  q?: string;
  type?: string;
  uploaderId?: number;
  page: number;
  pageSize: number;
}

export function libraryItemJson(item: MediaLibraryItem, deps: Pick<AppDeps, 'storage'>) {
  return { ...mediaJson(item, deps.storage), fileName: item.fileName, uploader: item.uploader, createdAt: item.createdAt.toISOString(), useCount: item.useCount };
}

/** The media library: list and search, where each image is used, its 说明 everywhere at once, and deleting what nothing uses. */
export function registerMediaLibraryApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: LibraryQuery }>(
    '/api/admin/media',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '图库 / list images, newest first',
        description: '`q` searches the 说明 (alt) and the file name.',
        operationId: 'listMedia',
        security: adminRead,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100 },
            type: { type: 'string', enum: CONTENT_TYPES },
            uploaderId: { type: 'integer', minimum: 1, maximum: 2147483647 },
            page: pageNumber,
            pageSize: pageSize(100, 24),
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'total', 'page', 'pageSize'],
            properties: { items: { type: 'array', items: ref('MediaLibraryItem') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { q, type, uploaderId, page, pageSize } = request.query;
      const { items, total } = await listMediaLibrary(deps.db, { text: q?.trim(), contentType: type, uploaderId, limit: pageSize, offset: (page - 1) * pageSize });
      return { items: items.map((item) => libraryItemJson(item, deps)), total, page, pageSize };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/media/:id/uses',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '图片用在哪里 / what shows an image: articles, 专题 banners, ads, site settings',
        operationId: 'listMediaUses',
        security: adminRead,
        params: idParams,
        response: { 200: { type: 'object', required: ['uses'], properties: { uses: { type: 'array', items: useSchema } } }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await getMediaItem(deps.db, request.params.id);
      return { uses: await listMediaUses(deps.db, request.params.id) };
    },
  );

  app.patch<{ Params: { id: number }; Body: { alt: string } }>(
    '/api/admin/media/:id',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags,
        summary: '修改图片说明（所有用到它的文章一起改）/ change an image\'s alt text everywhere',
        description:
          'Sets the 说明 in the library, as lead image alt and on every <img> of it in article bodies. Each article changed is saved as an ordinary ' +
          'edit (new version, revision, audit entry), all in one transaction. 403 media.alt_articles_locked (with details.articles) when an article ' +
          'using it is one the caller may not edit; 409 content.article_changed when one was saved meanwhile.',
        operationId: 'updateMedia',
        security: adminWrite,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, required: ['alt'], properties: { alt: { type: 'string', maxLength: MAX_ALT_LENGTH } } },
        response: {
          200: {
            type: 'object',
            required: ['media', 'articles'],
            properties: { media: ref('Media'), articles: { type: 'array', items: { type: 'integer' }, description: 'The articles changed' } },
          },
          ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { item, articleIds } = await updateImageAlt(deps.db, request.params.id, request.body.alt, staffActor(request), deps.clock());
      return { media: mediaJson(item, deps.storage), articles: articleIds };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/media/:id',
    {
      onRequest: requireStaff('media.upload'),
      schema: {
        tags,
        summary: '删除图片 / delete an image nothing uses',
        description:
          'filesPending: false when the image and its files are gone; true, with a message to show, when the image is deleted but storage could not be reached: ' +
          'its files stay at their URLs until each instance\'s retry removes them, once storage is back. ' +
          '409 media.in_use when anything uses it, with details.uses (as the uses operation lists them: articles, 专题 banners, ads, ' +
          'site settings) and a message naming them. ' +
          'Editors delete only what they uploaded (403 media.not_yours); reviewers and admins any image.',
        operationId: 'deleteMedia',
        security: adminWrite,
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['filesPending'],
            additionalProperties: false,
            properties: { filesPending: { type: 'boolean' }, message: { type: 'string', description: 'What to tell the person, when filesPending' } },
          },
          ...errorResponses(400, 401, 403, 404, 409, 415),
        },
      },
    },
    async (request) => {
      const actor = staffActor(request);
      const { filesPending } = await deleteMedia(deps, { mediaId: request.params.id, actor: auditActor(actor), mayDeleteOthers: can(actor.user.role, 'article.review') }, deps.clock());
      return filesPending ? { filesPending, message: FILES_PENDING_MESSAGE } : { filesPending };
    },
  );
}
