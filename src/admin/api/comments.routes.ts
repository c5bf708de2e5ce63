import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { banReader, type CommentView, listModerationQueue, moderateComments, type QueueName } from '../../comments/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams, pageNumber, pageSize } from '../../http/route-schemas.js';

const tags = ['comments'];
const QUEUES = ['pending', 'reported', 'flagged', 'published', 'rejected'] as const;
const TARGETS = ['published', 'rejected', 'deleted'] as const;
type Target = (typeof TARGETS)[number];
const reason = { type: 'string', maxLength: 200 } as const;

const moderatedCommentSchema = {
  type: 'object',
  required: ['id', 'articleId', 'parentId', 'readerId', 'nickname', 'body', 'status', 'flagged', 'likeCount', 'reportCount', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    articleId: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    readerId: { type: 'integer' },
    nickname: { type: 'string' },
    replyToNickname: { type: ['string', 'null'] },
    body: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'published', 'rejected', 'deleted'] },
    flagged: { type: 'boolean' },
    ipRegion: { type: ['string', 'null'] },
    likeCount: { type: 'integer' },
    reportCount: { type: 'integer' },
    createdAt: dateTime,
  },
} as const;
const movedSchema = { type: 'object', required: ['moved'], properties: { moved: { type: 'array', items: { type: 'integer' }, description: 'The ids of the comments that changed state' } } } as const;

const commentJson = (c: CommentView) => ({ ...c, createdAt: c.createdAt.toISOString() });

/** The moderation queue and its actions; each action is in the audit log. */
export function registerCommentModerationApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { status: QueueName; page: number; pageSize: number } }>(
    '/api/admin/comments',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '评论审核队列 / moderation queue (pending, reported, flagged, …)',
        operationId: 'listModerationQueue',
        security: adminRead,
        response: {
          200: {
            type: 'object',
            required: ['comments', 'page', 'pageSize'],
            properties: { comments: { type: 'array', items: moderatedCommentSchema }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: QUEUES, default: 'pending' },
            page: pageNumber,
            pageSize: pageSize(200, 50),
          },
        },
      },
    },
    async (request) => {
      const { status, page, pageSize } = request.query;
      const comments = await listModerationQueue(deps.db, status, pageSize, (page - 1) * pageSize);
      return { comments: comments.map(commentJson), page, pageSize };
    },
  );

  app.post<{ Params: { id: number }; Body: { to: Target; reason?: string } }>(
    '/api/admin/comments/:id/transitions',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '通过、拒绝或删除评论 / approve, reject or delete a comment',
        operationId: 'moderateComment',
        security: adminWrite,
        response: { 200: movedSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { type: 'string', enum: TARGETS }, reason } },
      },
    },
    async (request) => ({
      moved: await moderateComments(deps.db, { ids: [request.params.id], ...request.body, actor: staffActor(request) }, deps.clock()),
    }),
  );

  app.post<{ Body: { ids: number[]; to: Target; reason?: string } }>(
    '/api/admin/comments/transitions',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '批量处理评论 / approve, reject or delete many at once',
        operationId: 'moderateComments',
        security: adminWrite,
        response: { 200: movedSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['ids', 'to'],
          properties: { ids: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'integer', minimum: 1, maximum: 2147483647 } }, to: { type: 'string', enum: TARGETS }, reason },
        },
      },
    },
    async (request) => ({ moved: await moderateComments(deps.db, { ...request.body, actor: staffActor(request) }, deps.clock()) }),
  );

  app.post<{ Params: { id: number }; Body: { reason: string } }>(
    '/api/admin/readers/:id/ban',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '禁言读者 / ban a reader, with a reason',
        operationId: 'banReader',
        security: adminWrite,
        response: { ...noContent, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { ...reason, minLength: 1 } } },
      },
    },
    async (request, reply) => {
      await banReader(deps.db, { readerId: request.params.id, reason: request.body.reason, actor: staffActor(request) }, deps.clock());
      return reply.code(204).send();
    },
  );
}
