import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { listAuditEntries } from '../../audit/index.js';
import { auditCsv } from '../pages/audit-csv.js';
import { findAuditNames } from '../pages/audit-rows.js';
import { adminRead, dateTime, errorResponses } from '../../http/api-schemas.js';
import { requireStaff } from '../staff-auth.js';
import { pageNumber, pageSize } from '../../http/route-schemas.js';

const tags = ['audit'];
const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    action: { type: 'string', maxLength: 64 },
    targetType: { type: 'string', maxLength: 32 },
    targetId: { type: 'string', maxLength: 32 },
    since: { type: 'string', format: 'date-time' },
    until: { type: 'string', format: 'date-time' },
    page: pageNumber,
    pageSize: pageSize(500, 50),
  },
} as const;
const auditEntrySchema = {
  type: 'object',
  required: ['id', 'actor', 'action', 'targetType', 'targetId', 'details', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    actor: {
      type: 'object',
      required: ['id', 'name', 'ip', 'ipRegion'],
      properties: { id: { type: ['integer', 'null'] }, name: { type: 'string' }, ip: { type: ['string', 'null'] }, ipRegion: { type: ['string', 'null'] } },
    },
    action: { type: 'string' },
    targetType: { type: ['string', 'null'] },
    targetId: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
    createdAt: dateTime,
  },
} as const;
type AuditQuerystring = { action?: string; targetType?: string; targetId?: string; since?: string; until?: string; page: number; pageSize: number };

const toQuery = (q: AuditQuerystring, limit: number, offset: number) => ({
  action: q.action,
  targetType: q.targetType,
  targetId: q.targetId,
  since: q.since ? new Date(q.since) : undefined,
  until: q.until ? new Date(q.until) : undefined,
  limit,
  offset,
});

/** The audit log, for admins: every transition, edit and account action, with who, when, from where. */
export function registerAuditApi(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: AuditQuerystring }>(
    '/api/admin/audit',
    {
      onRequest: requireStaff('audit.view'),
      schema: {
        tags,
        summary: '审计日志 / audit log, newest first',
        operationId: 'listAuditEntries',
        security: adminRead,
        querystring: auditQuery,
        response: {
          200: {
            type: 'object',
            required: ['entries', 'page', 'pageSize'],
            properties: { entries: { type: 'array', items: auditEntrySchema }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const entries = await listAuditEntries(deps.db, toQuery(request.query, pageSize, (page - 1) * pageSize));
      return { entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })), page, pageSize };
    },
  );

  app.get<{ Querystring: AuditQuerystring }>(
    '/api/admin/audit.csv',
    {
      onRequest: requireStaff('audit.view'),
      schema: {
        tags,
        summary: '导出审计日志 CSV / export as CSV',
        operationId: 'exportAuditEntries',
        security: adminRead,
        querystring: auditQuery,
        response: {
          200: { description: 'CSV, UTF-8 with a byte-order mark', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      // An export is for the record, so it takes everything the filters match, up to a generous bound.
      const entries = await listAuditEntries(deps.db, toQuery(request.query, 100_000, 0));
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="bendi-audit.csv"')
        .header('Cache-Control', 'no-store')
        .send(auditCsv(entries, await findAuditNames(deps.db, entries)));
    },
  );
}
