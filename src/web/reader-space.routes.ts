import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { countUnreadNotifications, deleteOwnComment } from '../comments/index.js';
import { AppError } from '../lib/errors.js';
import { endAllReaderSessions, type Reader } from '../readers/index.js';
import { COOKIE_OPTIONS } from '../http/cookies.js';
import { errorResponses, noContent, readerOnly, readerOptional } from '../http/api-schemas.js';
import { idParams } from '../http/route-schemas.js';
import { READER_COOKIE } from './reader-context.js';

const tags = ['readers'];

export function requireReader(request: FastifyRequest): Reader {
  if (!request.reader) throw new AppError('Unauthenticated', 'readers.sign_in_required');
  return request.reader;
}

const meSchema = {
  type: 'object',
  required: ['reader', 'unread'],
  properties: {
    reader: { type: ['object', 'null'], required: ['id', 'nickname'], properties: { id: { type: 'integer' }, nickname: { type: 'string' } } },
    unread: { type: 'integer', description: 'Replies to the reader and likes of their comments since they last opened 我的' },
  },
} as const;

/**
 * The reader's own space (我的) in the readers' API: who is signed in and
 * what is unread (every page's header asks, since pages are shared and
 * cached), signing out everywhere, and deleting one's own comment.
 */
export function registerReaderSpaceApi(scope: FastifyInstance, deps: AppDeps): void {
  scope.get(
    '/api/me',
    {
      schema: {
        tags,
        summary: '当前读者和未读消息数 / the signed-in reader (null without a reader cookie; 401 for one whose session ended) and their unread replies and likes',
        operationId: 'getMe',
        security: readerOptional,
        response: { 200: meSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const reader = request.reader;
      if (!reader && request.cookies[READER_COOKIE]) {
        // A session that ended (signed out everywhere, expired): the cookie goes, so later pages need not look it up.
        reply.clearCookie(READER_COOKIE, COOKIE_OPTIONS);
        throw new AppError('Unauthenticated', 'readers.sign_in_required');
      }
      if (!reader) return { reader: null, unread: 0 };
      return { reader: { id: reader.id, nickname: reader.nickname }, unread: await countUnreadNotifications(deps.db, reader.id, reader.notificationsSeenAt, deps.clock()) };
    },
  );

  scope.post(
    '/api/auth/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: '退出所有设备 / end every session of the signed-in reader, on every phone and browser',
        operationId: 'signOutReaderEverywhere',
        security: readerOnly,
        response: { ...noContent, ...errorResponses(401, 415) },
      },
    },
    async (request, reply) => {
      await endAllReaderSessions(deps.db, requireReader(request).id);
      reply.clearCookie(READER_COOKIE, COOKIE_OPTIONS);
      return reply.code(204).send();
    },
  );

  scope.delete<{ Params: { id: number } }>(
    '/api/me/comments/:id',
    {
      schema: {
        tags,
        summary: '删除我的评论 / delete one of the reader’s own comments',
        operationId: 'deleteOwnComment',
        security: readerOnly,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 404, 415) },
      },
    },
    async (request, reply) => {
      await deleteOwnComment(deps.db, { commentId: request.params.id, readerId: requireReader(request).id }, deps.clock());
      // The comment may be on cached pages.
      await scope.pageCache.clear();
      return reply.code(204).send();
    },
  );
}
