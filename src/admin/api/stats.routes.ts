import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { adminRead, errorResponses } from '../../http/api-schemas.js';
import { csvDocument } from '../../lib/csv.js';
import { chinaMonth, computeDashboard, computeGovernanceReport, MONTH_PATTERN } from '../../stats/index.js';
import { am } from '../views/admin-messages.js';
import { governanceRows } from '../views/governance.view.js';
import { sm } from '../views/stats-messages.js';
import { requireStaff } from '../staff-auth.js';

const tags = ['stats'];
const int = { type: 'integer', minimum: 0 } as const;
const nullableMinutes = { type: ['integer', 'null'], description: 'minutes; null when nothing was handled' } as const;
const object = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties }) as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a Beijing day' } as const;

const moderationSchema = object({
  comments: object({ received: int, published: int, held: int, rejected: int, deleted: int }),
  lexiconHits: { type: 'array', items: object({ term: { type: 'string' }, action: { type: 'string' }, hits: int }) },
  reports: object({ received: int, handled: int, open: int, averageMinutesToHandle: nullableMinutes, medianMinutesToHandle: nullableMinutes }),
});

const dashboardSchema = object({
  readsPerDay: { type: 'array', description: 'the last 30 Beijing days, oldest first', items: object({ day, reads: int }) },
  topArticlesThisWeek: { type: 'array', items: object({ articleId: { type: 'integer' }, title: { type: 'string' }, reads: int }) },
  weeks: { type: 'array', description: 'Mondays starting the last 8 Beijing weeks', items: day },
  publishedPerEditor: {
    type: 'array',
    items: object({ userId: { type: ['integer', 'null'] }, name: { type: 'string' }, published: { type: 'array', items: int, description: 'per week, as `weeks`' } }),
  },
  moderation: moderationSchema,
});

const governanceSchema = object({
  month: { type: 'string', pattern: MONTH_PATTERN },
  moderation: moderationSchema,
  articles: object({ approved: int, rejected: int, withdrawn: int }),
  readersBanned: int,
});

const monthQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { month: { type: 'string', pattern: MONTH_PATTERN, description: "'YYYY-MM', a Beijing month; the current one when left out" } },
} as const;

/** The dashboard's figures and the monthly governance report, for admins and reviewers. */
export function registerStatsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/dashboard',
    {
      onRequest: requireStaff('stats.view'),
      schema: {
        tags,
        summary: '概览数据 / the dashboard figures: reads, publishing, moderation',
        operationId: 'getDashboard',
        security: adminRead,
        response: { 200: dashboardSchema, ...errorResponses(401, 403) },
      },
    },
    async () => computeDashboard(deps.db, deps.clock()),
  );

  app.get<{ Querystring: { month?: string } }>(
    '/api/admin/reports/governance',
    {
      onRequest: requireStaff('stats.view'),
      schema: {
        tags,
        summary: '内容安全月报 / the monthly content-safety report',
        operationId: 'getGovernanceReport',
        security: adminRead,
        querystring: monthQuery,
        response: { 200: governanceSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => computeGovernanceReport(deps.db, request.query.month ?? chinaMonth(deps.clock())),
  );

  app.get<{ Querystring: { month?: string } }>(
    '/api/admin/reports/governance.csv',
    {
      onRequest: requireStaff('stats.view'),
      schema: {
        tags,
        summary: '导出内容安全月报 CSV / the monthly report as CSV',
        operationId: 'exportGovernanceReport',
        security: adminRead,
        querystring: monthQuery,
        response: {
          200: { description: 'CSV, UTF-8 with a byte-order mark', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const report = await computeGovernanceReport(deps.db, request.query.month ?? chinaMonth(deps.clock()));
      const t = sm.governance;
      const lexicon = report.moderation.lexiconHits.map((h): [string, string, number] => [t.sectionLexicon, `${h.term}（${(am.lexicon.actions as Record<string, string>)[h.action] ?? h.action}）`, h.hits]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="bendi-governance-${report.month}.csv"`)
        .header('Cache-Control', 'no-store')
        .send(csvDocument(['月份', '类别', t.colItem, t.colValue], [...governanceRows(report), ...lexicon].map((row) => [report.month, ...row])));
    },
  );
}
