import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { shownDateTime } from '../../lib/china-time.js';
import { listOpenArticleReports } from '../../reports/index.js';
import { am } from '../views/admin-messages.js';
import { ArticleReportsPage } from '../views/article-reports.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

const SHOWN = 200;

/** The queue of readers' reports of articles, beside the comment moderation queue. */
export function registerArticleReportsPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/article-reports', { preHandler: staffPage(deps, 'comments.moderate') }, async (request, reply) => {
    const [reports, chrome] = await Promise.all([listOpenArticleReports(deps.db, SHOWN, 0), adminChrome(deps, request, am.articleReports.title, 'admin')]);
    const rows = reports.map((r) => ({ ...r, time: shownDateTime(r.createdAt) }));
    return sendAdminPage(reply, ArticleReportsPage({ chrome, rows }));
  });
}
