import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { REPORT_NOTE_MAX_LENGTH, REPORT_REASONS, type ReportInput, type ReportReason, reportArticle, reportComment } from '../reports/index.js';
import { BODY_ERRORS, errorResponses, readerOnly } from '../http/api-schemas.js';
import { idParams } from '../http/route-schemas.js';
import { requireReader } from './reader-space.routes.js';

const tags = ['readers'];

const reportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    reason: { type: 'string', enum: REPORT_REASONS },
    // The schema bounds UTF-16 length generously; the note's limit counts as a person does, in the domain.
    note: { type: 'string', maxLength: REPORT_NOTE_MAX_LENGTH * 8, description: `补充说明，最多 ${REPORT_NOTE_MAX_LENGTH} 字 / optional note` },
  },
} as const;
const reportedSchema = { type: 'object', required: ['reported'], properties: { reported: { type: 'boolean' } } } as const;

type ReportRequest = { Params: { id: number }; Body: { reason: ReportReason; note?: string } };

/** 举报: readers report comments and articles to the moderators, once each, within REPORT_LIMITS an hour. */
export function registerReportApi(scope: FastifyInstance, deps: AppDeps): void {
  const routes: Array<{ url: string; operationId: string; summary: string; report: (input: ReportInput, id: number, now: Date) => Promise<void> }> = [
    {
      url: '/api/comments/:id/reports',
      operationId: 'reportComment',
      summary: '举报评论 / report a comment to the moderators',
      report: (input, commentId, now) => reportComment(deps.db, { ...input, commentId }, now),
    },
    {
      url: '/api/articles/:id/reports',
      operationId: 'reportArticle',
      summary: '举报文章 / report an article to the site’s staff (违法和不良信息举报)',
      report: (input, articleId, now) => reportArticle(deps.db, { ...input, articleId }, now),
    },
  ];
  for (const { url, operationId, summary, report } of routes) {
    scope.post<ReportRequest>(
      url,
      {
        schema: {
          tags,
          summary,
          operationId,
          security: readerOnly,
          params: idParams,
          body: reportBody,
          response: { 201: reportedSchema, ...errorResponses(...BODY_ERRORS, 401, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const input = { readerId: requireReader(request).id, reason: request.body.reason, note: request.body.note, ip: request.ip };
        await report(input, request.params.id, deps.clock());
        return reply.code(201).send({ reported: true });
      },
    );
  }
}
