import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../lib/errors.js';
import {
  createTopic,
  deleteTopic,
  findTopic,
  listTopicsForStaff,
  type NewTopicFields,
  type TopicChanges,
  type TopicStatus,
  transitionTopic,
  updateTopic,
} from '../../topics/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, noContent, ref } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { newTopicSchema, topicInputSchema, topicJson } from './topic-json.js';

const STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn'] as const;
const tags = ['topics'];
const oneTopic = { type: 'object', required: ['topic'], properties: { topic: ref('Topic') } } as const;

/** 专题 for staff: the same permissions as articles, the same review workflow (see topics/). */
export function registerTopicApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { status?: TopicStatus } }>(
    '/api/admin/topics',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '专题列表 / list 专题 (any status), in their order',
        operationId: 'listTopics',
        security: adminRead,
        querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: STATUSES } } },
        response: { 200: { type: 'object', required: ['topics'], properties: { topics: { type: 'array', items: ref('Topic') } } }, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ topics: (await listTopicsForStaff(deps.db, request.query)).map(topicJson) }),
  );

  app.post<{ Body: NewTopicFields }>(
    '/api/admin/topics',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags,
        summary: '新建专题（草稿）/ create a 专题 as a draft',
        operationId: 'createTopic',
        security: adminWrite,
        description: 'The slug is permanent. Hand-picked articles must exist (any status: readers only ever see the published ones); the banner must be an image of the media library.',
        body: newTopicSchema,
        response: { 201: oneTopic, ...errorResponses(...BODY_ERRORS, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send({ topic: topicJson(await createTopic(deps.db, request.body, staffActor(request), deps.clock())) }),
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/topics/:id',
    {
      onRequest: requireStaff('article.view'),
      schema: { tags, summary: '专题详情 / read a 专题', operationId: 'getTopic', security: adminRead, params: idParams, response: { 200: oneTopic, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const topic = await findTopic(deps.db, request.params.id);
      if (!topic) throw notFound('topics.not_found');
      return { topic: topicJson(topic) };
    },
  );

  app.patch<{ Params: { id: number }; Body: TopicChanges }>(
    '/api/admin/topics/:id',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags,
        summary: '修改专题 / update fields (sections are replaced whole)',
        operationId: 'updateTopic',
        security: adminWrite,
        params: idParams,
        body: { ...topicInputSchema, minProperties: 1 },
        response: { 200: oneTopic, ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ topic: topicJson(await updateTopic(deps.db, request.params.id, request.body, staffActor(request), deps.clock())) }),
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/topics/:id',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags,
        summary: '删除从未发布的专题 / delete a 专题 never published (withdraw a published one)',
        operationId: 'deleteTopic',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await deleteTopic(deps.db, request.params.id, staffActor(request), deps.clock());
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: number }; Body: { to: TopicStatus; reason?: string; version?: number } }>(
    '/api/admin/topics/:id/transitions',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '流转：送审、通过、退回、下架、重新发布 / move a 专题 through the review workflow',
        operationId: 'transitionTopic',
        security: adminWrite,
        description:
          'The articles’ workflow and permissions. Illegal moves answer 409; rejecting and withdrawing need a reason; approving and ' +
          'republishing need the `version` that was read (409 workflow.stale_version if it was edited since).',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: { to: { type: 'string', enum: STATUSES }, reason: { type: 'string', maxLength: 500 }, version: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        },
        response: { 200: oneTopic, ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ topic: topicJson(await transitionTopic(deps.db, { topicId: request.params.id, ...request.body, actor: staffActor(request) }, deps.clock())) }),
  );
}
