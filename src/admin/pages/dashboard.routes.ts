import type { FastifyInstance } from 'fastify';
import { can } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { chinaMonth, computeDashboard, computeGovernanceReport, MONTH_PATTERN } from '../../stats/index.js';
import { DashboardPage } from '../views/dashboard.view.js';
import { GovernancePage } from '../views/governance.view.js';
import { sm } from '../views/stats-messages.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { articleListRoute, type ListQuery, sendArticleList } from './article-list.routes.js';

/**
 * /admin: the dashboard for those who may see it (admins and reviewers), the
 * article list for editors, whose landing page it has always been.
 */
export function registerDashboardPages(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: ListQuery }>('/admin', articleListRoute(deps), async (request, reply) => {
    if (!can(request.staff!.role, 'stats.view')) return sendArticleList(deps, request, reply, '/admin');
    const [figures, chrome] = await Promise.all([computeDashboard(deps.db, deps.clock()), adminChrome(deps, request, sm.dashboard.title, 'admin')]);
    return sendAdminPage(reply, DashboardPage({ chrome, figures, governanceHref: '/admin/reports/governance' }));
  });

  app.get<{ Querystring: { month?: string } }>(
    '/admin/reports/governance',
    { preHandler: staffPage(deps, 'stats.view'), schema: { querystring: { type: 'object', properties: { month: { type: 'string', pattern: MONTH_PATTERN } } } } },
    async (request, reply) => {
      const month = request.query.month ?? chinaMonth(deps.clock());
      const [report, chrome] = await Promise.all([computeGovernanceReport(deps.db, month), adminChrome(deps, request, sm.governance.pageTitle, 'admin')]);
      return sendAdminPage(reply, GovernancePage({ chrome, report, csvHref: `/api/admin/reports/governance.csv?month=${month}` }));
    },
  );
}
