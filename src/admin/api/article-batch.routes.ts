import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { type ArticleStatus, type BatchChange, deleteDrafts, MAX_BATCH_ARTICLES, transitionArticles, updateArticles } from '../../content/index.js';
import { adminWrite, BODY_ERRORS, errorResponses, ref } from '../../http/api-schemas.js';
import { getSiteSettings } from '../../site/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { articleInputSchema, articleJson } from './article-json.js';

const tags = ['articles'];
const STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn'] as const;
const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
const ids = { type: 'array', minItems: 1, maxItems: MAX_BATCH_ARTICLES, items: id, description: `At most ${MAX_BATCH_ARTICLES} article ids` } as const;
const ALL_OR_NOTHING =
  'One transaction, each article audited. If any article may not change, nothing changes: 409 content.batch_refused, ' +
  'with `details.refused` listing each such article (id, title, error, message) — 403s and 404s for single articles included.';

/** Work on many articles at once from the article list: the same rules as one at a time, all or none. */
export function registerArticleBatchApi(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: { ids: number[]; to: ArticleStatus; reason?: string; versions?: Record<string, number> } }>(
    '/api/admin/articles/transitions',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '批量流转：通过、下架（同一理由）、退回… / move many articles through the workflow',
        operationId: 'transitionArticles',
        security: adminWrite,
        description: `${ALL_OR_NOTHING} Approving and republishing need each article's version as read, in \`versions\` by id.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['ids', 'to'],
          properties: {
            ids,
            to: { type: 'string', enum: STATUSES },
            reason: { type: 'string', maxLength: 500 },
            versions: { type: 'object', propertyNames: { pattern: '^[1-9][0-9]{0,9}$' }, additionalProperties: id, maxProperties: MAX_BATCH_ARTICLES },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['moved'],
            properties: {
              moved: {
                type: 'array',
                items: { type: 'object', required: ['id', 'outcome'], properties: { id: { type: 'integer' }, outcome: { type: 'string', enum: ['moved', 'first_review_passed'] } } },
              },
            },
          },
          ...errorResponses(...BODY_ERRORS, 401, 403, 409),
        },
      },
    },
    async (request) => {
      const { reviewLevels } = await getSiteSettings(deps.db);
      return { moved: await transitionArticles(deps.db, { ...request.body, actor: staffActor(request), reviewLevels }, deps.clock()) };
    },
  );

  app.patch<{ Body: { ids: number[]; change: BatchChange } }>(
    '/api/admin/articles',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags,
        summary: '批量修改：移到栏目，设置或取消头条/推荐/置顶 / move many to a section, set or clear their marks',
        operationId: 'updateArticles',
        security: adminWrite,
        description: `${ALL_OR_NOTHING} Each article is edited as by PATCH /api/admin/articles/{id}: its version moves on.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['ids', 'change'],
          properties: {
            ids,
            change: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: { categoryId: articleInputSchema.properties.categoryId, flags: { ...articleInputSchema.properties.flags, minProperties: 1 } },
            },
          },
        },
        response: { 200: { type: 'object', required: ['articles'], properties: { articles: { type: 'array', items: ref('Article') } } }, ...errorResponses(...BODY_ERRORS, 401, 403, 409) },
      },
    },
    async (request) => ({ articles: (await updateArticles(deps.db, { ...request.body, actor: staffActor(request) }, deps.clock())).map(articleJson) }),
  );

  app.post<{ Body: { ids: number[] } }>(
    '/api/admin/articles/deletions',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags,
        summary: '删除草稿（从未发布过的） / delete drafts that were never published',
        operationId: 'deleteDrafts',
        security: adminWrite,
        description: `${ALL_OR_NOTHING} Editors delete their own drafts, reviewers and admins any; a published article is withdrawn, never deleted.`,
        body: { type: 'object', additionalProperties: false, required: ['ids'], properties: { ids } },
        response: { 200: { type: 'object', required: ['deleted'], properties: { deleted: { type: 'array', items: { type: 'integer' } } } }, ...errorResponses(...BODY_ERRORS, 401, 403, 409) },
      },
    },
    async (request) => ({ deleted: await deleteDrafts(deps.db, { ids: request.body.ids, actor: staffActor(request) }, deps.clock()) }),
  );
}
