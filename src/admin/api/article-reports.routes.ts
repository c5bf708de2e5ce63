import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { listOpenArticleReports, REPORT_REASONS, resolveArticleReport } from '../../reports/index.js';
import { adminRead, adminWrite, dateTime, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams, pageNumber, pageSize } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const tags = ['comments'];
const reportSchema = {
  type: 'object',
  required: ['id', 'articleId', 'articleTitle', 'reason', 'note', 'readerNickname', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    articleId: { type: 'integer' },
    articleTitle: { type: 'string' },
    reason: { type: 'string', enum: REPORT_REASONS },
    note: { type: ['string', 'null'] },
    readerNickname: { type: ['string', 'null'] },
    createdAt: dateTime,
  },
} as const;

/** Readers' reports of articles (举报), waiting for staff; each one handled is in the audit log. */
export function registerArticleReportsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { page: number; pageSize: number } }>(
    '/api/admin/article-reports',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '文章举报队列 / readers’ unresolved reports of articles, oldest first',
        operationId: 'listArticleReports',
        security: adminRead,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { page: pageNumber, pageSize: pageSize(200, 50) },
        },
        response: {
          200: { type: 'object', required: ['reports', 'page', 'pageSize'], properties: { reports: { type: 'array', items: reportSchema }, page: { type: 'integer' }, pageSize: { type: 'integer' } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const reports = await listOpenArticleReports(deps.db, pageSize, (page - 1) * pageSize);
      return { reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), page, pageSize };
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api/admin/article-reports/:id/resolve',
    {
      onRequest: requireStaff('comments.moderate'),
      schema: {
        tags,
        summary: '标记举报已处理 / mark a report of an article handled',
        operationId: 'resolveArticleReport',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await resolveArticleReport(deps.db, { id: request.params.id, actor: staffActor(request) }, deps.clock());
      return reply.code(204).send();
    },
  );
}
