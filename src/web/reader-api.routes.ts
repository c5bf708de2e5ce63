import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { COMMENT_MAX_LENGTH, commentPolicyFrom, type CommentView, isNamedOnPages, listArticleComments, postComment } from '../comments/index.js';
import { requireVisibleArticle } from '../content/index.js';
import { type CounterBuffer, countRead, hasLiked, type LikeTarget, setLike } from '../engagement/index.js';
import { AppError } from '../lib/errors.js';
import { SmsProviderError } from '../sms/index.js';
import { endReaderSession, READER_SESSION_DAYS, type Reader, requestSmsCode, setNickname, signInReader } from '../readers/index.js';
import { getSiteSettings } from '../site/index.js';
import { COOKIE_OPTIONS } from '../http/cookies.js';
import { READER_COOKIE, registerReaderContext, VISITOR_COOKIE } from './reader-context.js';
import { registerReaderSpaceApi, requireReader } from './reader-space.routes.js';
import { registerReportApi } from './report-api.routes.js';
import { registerAdViewApi } from './ads.routes.js';
import { anonymous, BODY_ERRORS, dateTime, errorResponses, noContent, readerOnly, readerOptional, ref } from '../http/api-schemas.js';
import { idParams } from '../http/route-schemas.js';

const tags = ['readers'];
const countsSchema = { type: 'object', required: ['reads', 'likes', 'comments'], properties: { reads: { type: 'integer' }, likes: { type: 'integer' }, comments: { type: 'integer' } } } as const;
/** A comment as readers see it (components: Comment). */
export const commentSchema = {
  $id: 'Comment',
  type: 'object',
  required: ['id', 'parentId', 'nickname', 'replyToNickname', 'body', 'status', 'ipRegion', 'likeCount', 'createdAt', 'mine'],
  properties: {
    id: { type: 'integer' },
    parentId: { type: ['integer', 'null'] },
    nickname: { type: 'string' },
    replyToNickname: { type: ['string', 'null'] },
    body: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'published'] },
    ipRegion: { type: ['string', 'null'] },
    likeCount: { type: 'integer' },
    createdAt: dateTime,
    mine: { type: 'boolean' },
  },
} as const;

const readerJson = { type: 'object', required: ['reader'], properties: { reader: { type: 'object', required: ['id', 'nickname'], properties: { id: { type: 'integer' }, nickname: { type: ['string', 'null'] } } } } } as const;

const commentJson = (comment: CommentView, viewer: Reader | undefined) => ({
  id: comment.id,
  parentId: comment.parentId,
  nickname: comment.nickname,
  replyToNickname: comment.replyToNickname,
  body: comment.body,
  status: comment.status,
  ipRegion: comment.ipRegion,
  likeCount: comment.likeCount,
  createdAt: comment.createdAt.toISOString(),
  mine: comment.readerId === viewer?.id,
});

/**
 * The public JSON API the article page's scripts use: SMS sign-in, comments,
 * likes, read counts and reports, with the same rules as everywhere else.
 * Bodies are JSON only, and the reader cookie is SameSite=Lax, so another
 * site can neither post a form here nor send the cookie with a script.
 */
export async function registerReaderApi(app: FastifyInstance, deps: AppDeps, counters: CounterBuffer | undefined): Promise<void> {
  await app.register(async (scope) => {
    registerReaderContext(scope, deps);
    // JSON only: a cross-site form can send text/plain without asking, but never application/json.
    scope.removeContentTypeParser('text/plain');
    // Personal answers must never be kept by a shared cache.
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', 'private, no-store');
    });

    scope.post<{ Body: { phone: string } }>(
      '/api/auth/sms-code',
      {
        schema: {
          tags,
          summary: '获取短信验证码 / send a sign-in code by SMS',
          operationId: 'requestSmsCode',
          security: anonymous,
          response: { 202: { type: 'object', required: ['sent'], properties: { sent: { type: 'boolean' } } }, ...errorResponses(...BODY_ERRORS, 429, 503) },
          body: { type: 'object', additionalProperties: false, required: ['phone'], properties: { phone: { type: 'string', maxLength: 20 } } },
        },
      },
      async (request, reply) => {
        const settings = await getSiteSettings(deps.db);
        try {
          await requestSmsCode(deps, { phone: request.body.phone, ip: request.ip, siteName: settings.siteName }, deps.clock());
        } catch (error) {
          // The reader reads a Chinese message; the operator needs the provider's own code (a template not approved, no balance).
          if (error instanceof SmsProviderError) request.log.warn({ sms: error.forLog, reqId: request.id }, 'SMS provider did not send the sign-in code');
          throw error;
        }
        return reply.code(202).send({ sent: true });
      },
    );

    scope.post<{ Body: { phone: string; code: string } }>(
      '/api/auth/sign-in',
      {
        schema: {
          tags,
          summary: '手机号验证码登录 / sign in with the SMS code (sets the reader cookie)',
          operationId: 'signInReader',
          security: anonymous,
          response: { 200: readerJson, ...errorResponses(...BODY_ERRORS, 401, 429) },
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['phone', 'code'],
            properties: { phone: { type: 'string', maxLength: 20 }, code: { type: 'string', pattern: '^\\s*\\d{6}\\s*$' } },
          },
        },
      },
      async (request, reply) => {
        const { reader, token } = await signInReader(deps.db, request.body, deps.clock());
        reply.setCookie(READER_COOKIE, token, { ...COOKIE_OPTIONS, maxAge: READER_SESSION_DAYS * 86_400 });
        return { reader: { id: reader.id, nickname: reader.nickname } };
      },
    );

    scope.post('/api/auth/sign-out', { schema: { tags, summary: '退出登录 / sign out', operationId: 'signOutReader', security: readerOptional, response: { ...noContent, ...errorResponses(415) } } }, async (request, reply) => {
      const token = request.cookies[READER_COOKIE];
      if (token) await endReaderSession(deps.db, token);
      reply.clearCookie(READER_COOKIE, COOKIE_OPTIONS);
      return reply.code(204).send();
    });

    scope.put<{ Body: { nickname: string } }>(
      '/api/me',
      {
        schema: {
          tags,
          summary: '设置昵称 / set the nickname shown with comments',
          description: 'A few changes a day per reader (429 past them); the name the reader has already is no change.',
          operationId: 'setNickname',
          security: readerOnly,
          response: { 200: readerJson, ...errorResponses(...BODY_ERRORS, 401, 409, 429) },
          body: { type: 'object', additionalProperties: false, required: ['nickname'], properties: { nickname: { type: 'string', maxLength: 64 } } },
        },
      },
      async (request) => {
        const reader = requireReader(request);
        const { nickname, changed } = await setNickname(deps.db, await deps.lexicon.screener(), { readerId: reader.id, nickname: request.body.nickname }, deps.clock());
        // Cached pages are stale only when a new name is on them, beside the reader's comments or in replies to them.
        if (changed && (await isNamedOnPages(deps.db, reader.id))) await app.pageCache.clear();
        return { reader: { id: reader.id, nickname } };
      },
    );

    scope.get<{ Params: { id: number }; Querystring: { order: 'newest' | 'liked' } }>(
      '/api/articles/:id/comments',
      {
        schema: {
          tags,
          summary: '评论列表 / comments, with the reader’s own pending ones',
          operationId: 'listComments',
          security: readerOptional,
          params: idParams,
          querystring: { type: 'object', additionalProperties: false, properties: { order: { type: 'string', enum: ['newest', 'liked'], default: 'newest' } } },
          response: {
            200: {
              type: 'object',
              required: ['comments', 'counts', 'liked', 'signedIn'],
              properties: { comments: { type: 'array', items: ref('Comment') }, counts: countsSchema, liked: { type: 'boolean' }, signedIn: { type: 'boolean' } },
            },
            ...errorResponses(400, 404),
          },
        },
      },
      async (request) => {
        const article = await requireVisibleArticle(deps.db, request.params.id, deps.clock());
        const comments = await listArticleComments(deps.db, article.id, { order: request.query.order, viewerReaderId: request.reader?.id, limit: 200 });
        return {
          comments: comments.map((c) => commentJson(c, request.reader)),
          counts: article.counts,
          liked: request.reader ? await hasLiked(deps.db, article.id, request.reader.id) : false,
          signedIn: request.reader !== undefined,
        };
      },
    );

    scope.post<{ Params: { id: number }; Body: { body: string; replyTo?: number } }>(
      '/api/articles/:id/comments',
      {
        schema: {
          tags,
          summary: '发表评论 / post a comment (300 characters at most)',
          operationId: 'postComment',
          security: readerOnly,
          params: idParams,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['body'],
            // The schema bounds UTF-16 length generously; the 300-character rule counts as a person does, in the domain.
            properties: { body: { type: 'string', minLength: 1, maxLength: COMMENT_MAX_LENGTH * 8 }, replyTo: { type: 'integer', minimum: 1, maximum: 2147483647 } },
          },
          response: {
            201: { type: 'object', required: ['outcome', 'comment'], properties: { outcome: { type: 'string', enum: ['held', 'published'] }, comment: ref('Comment') } },
            ...errorResponses(...BODY_ERRORS, 401, 403, 404, 429),
          },
        },
      },
      async (request, reply) => {
        const reader = requireReader(request);
        const outcome = await postComment(
          {
            db: deps.db,
            screen: await deps.lexicon.screener(),
            policy: commentPolicyFrom(await getSiteSettings(deps.db)),
          },
          { articleId: request.params.id, reader, body: request.body.body, replyTo: request.body.replyTo, ip: request.ip },
          deps.clock(),
        );
        if (outcome.kind === 'published') await app.pageCache.clear();
        return reply.code(201).send({ outcome: outcome.kind, comment: commentJson(outcome.comment, reader) });
      },
    );

    registerLikeRoutes(scope, deps, counters, 'article', '/api/articles/:id/like');
    registerLikeRoutes(scope, deps, counters, 'comment', '/api/comments/:id/like');

    scope.post<{ Params: { id: number } }>(
      '/api/articles/:id/reads',
      {
        schema: {
          tags,
          summary: '阅读计数 / count a read (once per visitor per 30 minutes; crawlers are not counted)',
          operationId: 'recordRead',
          security: anonymous,
          params: idParams,
          response: { 200: { type: 'object', required: ['counted', 'counts'], properties: { counted: { type: 'boolean' }, counts: countsSchema } }, ...errorResponses(400, 404, 415, 503) },
        },
      },
      async (request, reply) => {
        const read = await countRead(
          deps.db,
          { articleId: request.params.id, visitorId: request.cookies[VISITOR_COOKIE], ip: request.ip, userAgent: request.headers['user-agent'] },
          deps.clock(),
          counters,
        );
        if (read.newVisitorId) reply.setCookie(VISITOR_COOKIE, read.newVisitorId, { ...COOKIE_OPTIONS, maxAge: 365 * 86_400 });
        return { counted: read.counted, counts: read.counts };
      },
    );

    registerReaderSpaceApi(scope, deps);
    registerReportApi(scope, deps);
    registerAdViewApi(scope, deps);
  });
}

/** PUT likes, DELETE takes the like back: for articles and comments alike, once per reader. */
function registerLikeRoutes(scope: FastifyInstance, deps: AppDeps, counters: CounterBuffer | undefined, target: LikeTarget, url: string): void {
  for (const method of ['PUT', 'DELETE'] as const) {
    scope.route<{ Params: { id: number } }>({
      method,
      url,
      schema: {
        tags,
        summary: method === 'PUT' ? '点赞 / like (once per reader)' : '取消点赞 / take the like back',
        operationId: `${method === 'PUT' ? 'like' : 'unlike'}${target === 'article' ? 'Article' : 'Comment'}`,
        security: readerOnly,
        params: idParams,
        response: { 200: { type: 'object', required: ['likes', 'liked'], properties: { likes: { type: 'integer' }, liked: { type: 'boolean' } } }, ...errorResponses(400, 401, 403, 404, 415, 503) },
      },
      handler: async (request) => {
        return setLike(deps.db, { target, id: request.params.id, reader: requireReader(request), liked: method === 'PUT' }, deps.clock(), counters);
      },
    });
  }
}
