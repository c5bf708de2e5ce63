import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import {
  type Article,
  type ArticleFields,
  type ArticleStatus,
  createDraft,
  diffRevisionInWorker,
  findArticle,
  listArticlesForStaff,
  listRevisions,
  reprintWarnings,
  restoreRevision,
  transitionArticle,
  updateArticle,
} from '../../content/index.js';
import { listAuditEntries } from '../../audit/index.js';
import { notFound } from '../../lib/errors.js';
import { findAuditNames, toAuditRow } from '../pages/audit-rows.js';
import { screenArticle } from '../../moderation/index.js';
import { getSiteSettings } from '../../site/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, ref } from '../../http/api-schemas.js';
import { idParams, pageNumber, pageSize } from '../../http/route-schemas.js';
import { articleInputSchema, articleJson } from './article-json.js';

type ArticleInput = Omit<Partial<ArticleFields>, 'scheduledAt'> & { scheduledAt?: string | null };

function toFields(input: ArticleInput): Partial<ArticleFields> {
  const { scheduledAt, ...rest } = input;
  return { ...rest, ...(scheduledAt !== undefined ? { scheduledAt: scheduledAt ? new Date(scheduledAt) : null } : {}) };
}

const STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn'] as const;
const warningsSchema = { type: 'array', items: { type: 'string', enum: ['reprint.unlicensed_source', 'reprint.title_changed'] } } as const;
/** A saved article with what staff are warned about in it: the answer of every save. */
export const articleWithWarnings = {
  type: 'object',
  required: ['article', 'warnings', 'lexiconHits'],
  properties: {
    article: ref('Article'),
    warnings: warningsSchema,
    lexiconHits: {
      type: 'array',
      items: { type: 'object', properties: { term: { type: 'string' }, action: { type: 'string' }, matched: { type: 'string' } } },
    },
  },
} as const;

const revisionParams = { type: 'object', required: ['id', 'revisionId'], properties: { id: idParams.properties.id, revisionId: idParams.properties.id } } as const;
const diffSchema = {
  type: 'array',
  items: { type: 'object', required: ['kind', 'text'], properties: { kind: { type: 'string', enum: ['added', 'removed', 'same'] }, text: { type: 'string' } } },
} as const;
const nullableDiff = { ...diffSchema, type: ['array', 'null'] } as const;
const revisionDiffSchema = {
  type: 'object',
  required: ['title', 'rows', 'changes'],
  properties: {
    title: diffSchema,
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['change', 'kind', 'before', 'after'],
        properties: {
          change: { type: 'string', enum: ['same', 'changed', 'added', 'removed'] },
          kind: { type: 'string', enum: ['paragraph', 'heading', 'list', 'quote', 'table', 'caption', 'image'] },
          before: nullableDiff,
          after: nullableDiff,
        },
      },
    },
    changes: {
      type: 'array',
      description: '此后的每次改动（审计日志）：谁、何时、做了什么、哪些字段由什么改成什么',
      items: {
        type: 'object',
        required: ['at', 'actor', 'action', 'details'],
        properties: { at: dateTime, actor: { type: 'string' }, action: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
} as const;

/** Audit entries read for one compare: a year of daily edits. */
const MAX_CHANGES_LISTED = 500;

const tags = ['articles'];

/** Staff are warned, not stopped: the lexicon's hits in what they wrote come back with every save. */
export async function articleWithWarningsJson(deps: AppDeps, article: Article) {
  const [settings, screen] = await Promise.all([getSiteSettings(deps.db), deps.lexicon.screener()]);
  const lexiconHits = (await screenArticle(screen, article)).map((h) => ({ term: h.term, action: h.action, matched: h.matched }));
  return { article: articleJson(article), warnings: reprintWarnings(article, settings.licensedSources), lexiconHits };
}

export function registerArticleApi(app: FastifyInstance, deps: AppDeps): void {
  const withWarnings = (article: Article) => articleWithWarningsJson(deps, article);

  app.get<{ Querystring: { status?: ArticleStatus; categoryId?: number; authorId?: number; title?: string; page: number; pageSize: number } }>(
    '/api/admin/articles',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '文章列表 / list articles (any status)',
        operationId: 'listArticles',
        security: adminRead,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: STATUSES },
            categoryId: { type: 'integer', minimum: 1, maximum: 2147483647 },
            authorId: { type: 'integer', minimum: 1, maximum: 2147483647 },
            title: { type: 'string', maxLength: 100 },
            page: pageNumber,
            pageSize: pageSize(100, 20),
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { articles: { type: 'array', items: ref('Article') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const { articles, total } = await listArticlesForStaff(deps.db, { ...filters, limit: pageSize, offset: (page - 1) * pageSize });
      return { articles: articles.map(articleJson), total, page, pageSize };
    },
  );

  app.post<{ Body: ArticleInput & Pick<ArticleFields, 'categoryId' | 'title' | 'bodyHtml' | 'origin'> }>(
    '/api/admin/articles',
    {
      onRequest: requireStaff('article.create'),
      schema: {
        tags,
        summary: '新建文章（草稿）/ create a draft',
        operationId: 'createArticle',
        security: adminWrite,
        body: { ...articleInputSchema, required: ['categoryId', 'title', 'bodyHtml', 'origin'] },
        response: { 201: articleWithWarnings, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const fields = { ...request.body, ...toFields(request.body) } as Parameters<typeof createDraft>[1];
      const article = await createDraft(deps.db, fields, staffActor(request), deps.clock());
      return reply.code(201).send(await withWarnings(article));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/articles/:id',
    { onRequest: requireStaff('article.view'), schema: {
        tags,
        summary: '文章详情 / read an article',
        operationId: 'getArticle',
        security: adminRead,
        params: idParams,
        response: { 200: articleWithWarnings, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const article = await findArticle(deps.db, request.params.id);
      if (!article) throw notFound('content.article_not_found');
      return withWarnings(article);
    },
  );

  app.patch<{ Params: { id: number }; Body: ArticleInput }>(
    '/api/admin/articles/:id',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags,
        summary: '修改文章 / update fields (a revision is kept)',
        operationId: 'updateArticle',
        security: adminWrite,
        params: idParams,
        body: { ...articleInputSchema, minProperties: 1 },
        response: { 200: articleWithWarnings, ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request) => withWarnings(await updateArticle(deps.db, request.params.id, toFields(request.body), staffActor(request), deps.clock())),
  );

  app.post<{ Params: { id: number }; Body: { to: ArticleStatus; reason?: string; version?: number } }>(
    '/api/admin/articles/:id/transitions',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '流转：送审、通过、退回、下架、重新发布 / move through the review workflow',
        operationId: 'transitionArticle',
        security: adminWrite,
        description:
          'Illegal moves answer 409 with the reason; rejecting and withdrawing need a reason. Approving and republishing need the `version` ' +
          'of the article that was read: if it was edited since, 409 workflow.stale_version.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: {
            to: { type: 'string', enum: STATUSES },
            reason: { type: 'string', maxLength: 500 },
            version: { type: 'integer', minimum: 1, maximum: 2147483647 },
          },
        },
        response: {
          200: { type: 'object', required: ['article', 'outcome'], properties: { article: ref('Article'), outcome: { type: 'string', enum: ['moved', 'first_review_passed'] } } },
          ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const settings = await getSiteSettings(deps.db);
      const { article, outcome } = await transitionArticle(
        deps.db,
        { articleId: request.params.id, ...request.body, actor: staffActor(request), reviewLevels: settings.reviewLevels },
        deps.clock(),
      );
      return { article: articleJson(article), outcome };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/articles/:id/revisions',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '修订历史 / revisions, newest first',
        operationId: 'listArticleRevisions',
        security: adminRead,
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              revisions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    title: { type: 'string' },
                    bodyHtml: { type: 'string' },
                    editorId: { type: ['integer', 'null'] },
                    editorName: { type: ['string', 'null'] },
                    change: { type: 'string', enum: ['created', 'title', 'body', 'title_body'], description: '与上一个版本相比改了什么' },
                    createdAt: dateTime,
                  },
                },
              },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const [article, revisions] = await Promise.all([findArticle(deps.db, request.params.id), listRevisions(deps.db, request.params.id)]);
      if (!article) throw notFound('content.article_not_found');
      return { revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );

  app.get<{ Params: { id: number; revisionId: number } }>(
    '/api/admin/articles/:id/revisions/:revisionId/diff',
    {
      onRequest: requireStaff('article.view'),
      schema: {
        tags,
        summary: '与当前版本的差异 / what changed since this revision: title, body block by block, and each change since from the audit log',
        operationId: 'diffArticleRevision',
        security: adminRead,
        params: revisionParams,
        response: { 200: revisionDiffSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const [article, revisions] = await Promise.all([findArticle(deps.db, request.params.id), listRevisions(deps.db, request.params.id)]);
      const revision = revisions.find((r) => r.id === request.params.revisionId);
      if (!article) throw notFound('content.article_not_found');
      if (!revision) throw notFound('content.revision_not_found', { revisionId: request.params.revisionId });
      // Two long versions can take a second to compare: off the event loop, in the text workers.
      const [diff, entries] = await Promise.all([
        diffRevisionInWorker(revision, article),
        listAuditEntries(deps.db, { targetType: 'article', targetId: String(article.id), since: revision.createdAt, limit: MAX_CHANGES_LISTED }),
      ]);
      const names = await findAuditNames(deps.db, entries);
      const changes = entries.reverse().map((entry) => {
        const row = toAuditRow(entry, names);
        return { at: entry.createdAt.toISOString(), actor: row.actor, action: row.action, details: row.details };
      });
      return { ...diff, changes };
    },
  );

  app.post<{ Params: { id: number; revisionId: number } }>(
    '/api/admin/articles/:id/revisions/:revisionId/restore',
    {
      onRequest: requireStaff('article.edit'),
      schema: {
        tags,
        summary: '恢复到这个版本 / restore title and body of a revision',
        operationId: 'restoreArticleRevision',
        security: adminWrite,
        params: revisionParams,
        response: { 200: articleWithWarnings, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => withWarnings(await restoreRevision(deps.db, request.params.id, request.params.revisionId, staffActor(request), deps.clock())),
  );
}
