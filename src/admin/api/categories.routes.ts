import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { type CategoryInput, createCategory, deleteCategory, listCategories, updateCategory } from '../../content/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, noContent, ref } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';

const tags = ['categories'];
/** A category as the API answers it (components: Category). */
export const categorySchema = {
  $id: 'Category',
  type: 'object',
  required: ['id', 'parentId', 'slug', 'name', 'position'],
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    slug: { type: 'string' },
    name: { type: 'string' },
    position: { type: 'integer' },
  },
} as const;
const name = { type: 'string', minLength: 1, maxLength: 30 } as const;
const parentId = { type: ['integer', 'null'], minimum: 1, maximum: 2147483647 } as const;
const position = { type: 'integer', minimum: 0, maximum: 10000 } as const;

export function registerCategoryApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/categories',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '栏目列表 / categories in order',
        operationId: 'listCategories',
        security: adminRead,
        response: { 200: { type: 'object', required: ['categories'], properties: { categories: { type: 'array', items: ref('Category') } } }, ...errorResponses(401, 403) },
      },
    },
    async () => ({ categories: await listCategories(deps.db) }),
  );

  app.post<{ Body: CategoryInput }>(
    '/api/admin/categories',
    {
      onRequest: requireStaff('categories.manage'),
      schema: {
        tags,
        summary: '新建栏目 / create a category (two levels at most)',
        operationId: 'createCategory',
        security: adminWrite,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['slug', 'name'],
          properties: { slug: { type: 'string', maxLength: 60 }, name, parentId: { ...parentId, default: null }, position: { ...position, default: 0 } },
        },
        response: { 201: ref('Category'), ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createCategory(deps.db, request.body, staffActor(request), deps.clock())),
  );

  app.patch<{ Params: { id: number }; Body: Partial<Pick<CategoryInput, 'name' | 'parentId' | 'position'>> }>(
    '/api/admin/categories/:id',
    {
      onRequest: requireStaff('categories.manage'),
      schema: {
        tags,
        summary: '改名、移动、排序 / rename, move or reorder (the slug is permanent)',
        operationId: 'updateCategory',
        security: adminWrite,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name, parentId, position } },
        response: { 200: ref('Category'), ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request) => updateCategory(deps.db, request.params.id, request.body, staffActor(request), deps.clock()),
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/categories/:id',
    { onRequest: requireStaff('categories.manage'), schema: {
        tags,
        summary: '删除空栏目 / delete an empty category',
        operationId: 'deleteCategory',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await deleteCategory(deps.db, request.params.id, staffActor(request), deps.clock());
      return reply.code(204).send();
    },
  );
}
