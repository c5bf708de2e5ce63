import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { deleteSavedFilter, listSavedFilters, MAX_FILTER_NAME, saveFilter } from '../../content/index.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const tags = ['articles'];
const filterSchema = {
  type: 'object',
  required: ['id', 'name', 'query'],
  properties: { id: { type: 'integer' }, name: { type: 'string' }, query: { type: 'string', description: 'The article list query string, e.g. status=pending&categoryId=3' } },
} as const;

/** 我的筛选: each staff member's named filters of the article list. */
export function registerSavedFilterApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/me/saved-filters',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '我的筛选 / my saved article-list filters',
        operationId: 'listSavedFilters',
        security: adminRead,
        response: { 200: { type: 'object', required: ['filters'], properties: { filters: { type: 'array', items: filterSchema } } }, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ filters: await listSavedFilters(deps.db, staffActor(request).user.id) }),
  );

  app.post<{ Body: { name: string; query: string } }>(
    '/api/admin/me/saved-filters',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '保存筛选 / save the article list filters under a name (replaces my filter of that name)',
        operationId: 'saveFilter',
        security: adminWrite,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'query'],
          properties: { name: { type: 'string', maxLength: MAX_FILTER_NAME * 4 }, query: { type: 'string', maxLength: 1000 } },
        },
        response: { 201: { type: 'object', required: ['filter'], properties: { filter: filterSchema } }, ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send({ filter: await saveFilter(deps.db, { userId: staffActor(request).user.id, ...request.body }, deps.clock()) }),
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/me/saved-filters/:id',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '删除我的一个筛选 / delete one of my saved filters',
        operationId: 'deleteSavedFilter',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await deleteSavedFilter(deps.db, staffActor(request).user.id, request.params.id);
      return reply.code(204).send();
    },
  );
}
