import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { listAuditEntries } from '../../audit/index.js';
import { startOfChinaDay } from '../../lib/china-time.js';
import { am } from '../views/admin-messages.js';
import { AuditPage } from '../views/audit.view.js';
import { findAuditNames, toAuditRow } from './audit-rows.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pageLinks, withQuery } from './page-data.js';

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
const date = { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' } as const;
const auditQuery = {
  type: 'object',
  properties: {
    action: { type: 'string', maxLength: 64 },
    targetType: { type: 'string', maxLength: 32 },
    targetId: { type: 'string', maxLength: 32 },
    since: date,
    until: date,
    page: { type: 'string', pattern: '^\\d{0,6}$' },
  },
} as const;
type AuditQuery = Partial<Record<'action' | 'targetType' | 'targetId' | 'since' | 'until' | 'page', string>>;

/** A date picked in the form is a Beijing day; `until` includes its whole day. */
function dayStart(day: string | undefined, plusDays = 0): Date | undefined {
  return day ? new Date(startOfChinaDay(day).getTime() + plusDays * DAY_MS) : undefined;
}

export function registerAuditPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: AuditQuery }>('/admin/audit', { preHandler: staffPage(deps, 'audit.view'), schema: { querystring: auditQuery } }, async (request, reply) => {
    const q = request.query;
    const filters = { action: q.action ?? '', targetType: q.targetType ?? '', targetId: q.targetId ?? '', since: q.since ?? '', until: q.until ?? '' };
    const page = Number(q.page) || 1;
    const range = { since: dayStart(filters.since), until: dayStart(filters.until, 1) };
    const query = { action: filters.action || undefined, targetType: filters.targetType || undefined, targetId: filters.targetId || undefined, ...range };
    // One more than a page, to know whether there is a next page without counting the whole log.
    const [entries, chrome] = await Promise.all([
      listAuditEntries(deps.db, { ...query, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
      adminChrome(deps, request, am.audit.title, 'admin'),
    ]);
    const shown = entries.slice(0, PAGE_SIZE);
    const names = await findAuditNames(deps.db, shown);
    const csvHref = withQuery('/api/admin/audit.csv', { ...query, since: range.since?.toISOString(), until: range.until?.toISOString() });
    const view = AuditPage({
      chrome,
      filters,
      rows: shown.map((entry) => toAuditRow(entry, names)),
      pages: pageLinks('/admin/audit', filters, page, undefined, entries.length > PAGE_SIZE),
      csvHref,
    });
    return sendAdminPage(reply, view);
  });
}
