import type { FastifyInstance } from 'fastify';
import { listStaffUsers, type StaffUser } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { type Article, findArticle, listCategories, listReviewQueue, reprintWarnings } from '../../content/index.js';
import { shownDateTime } from '../../lib/china-time.js';
import { screenArticle } from '../../moderation/index.js';
import { getSiteSettings } from '../../site/index.js';
import { idParams } from '../../http/route-schemas.js';
import { am } from '../views/admin-messages.js';
import { AdminMessagePage } from '../views/admin-layout.js';
import { ReviewArticlePage, ReviewQueuePage } from '../views/review.view.js';
import { adminChrome, sendAdminMessage, sendAdminPage, staffPage } from './admin-page.js';
import { whyNotApprove } from './article-editor.routes.js';
import { approveLabel } from './transition-buttons.js';

/** A morning's work at most; the rest waits on the next visit. */
const QUEUE_LENGTH = 200;

function levelName(reviewLevels: number, reviewLevel: number): string {
  if (reviewLevels < 2) return am.review.level.only;
  return reviewLevel === 0 ? am.review.level.first : am.review.level.final;
}

async function queueFor(deps: AppDeps, user: StaffUser): Promise<Article[]> {
  return listReviewQueue(deps.db, user.id, { everything: user.role === 'admin', limit: QUEUE_LENGTH });
}

/** The reprint checks and the lexicon's hits, as the editor shows them. */
async function reviewChecks(deps: AppDeps, article: Article, licensedSources: readonly string[]): Promise<string[]> {
  const hits = await screenArticle(await deps.lexicon.screener(), article);
  return [
    ...reprintWarnings(article, licensedSources).map((w) => am.editor.warnings[w]),
    ...[...new Map(hits.map((h) => [h.matched, h])).values()].map((h) => am.editor.lexiconHit(h.matched, h.action === 'reject')),
  ];
}

/** 待审 on a phone: the queue, and each article as readers will see it with the decision at the bottom of the screen. */
export function registerReviewPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/review', { preHandler: staffPage(deps, 'article.review') }, async (request, reply) => {
    const user = request.staff as StaffUser;
    const [queue, settings, categories, staff, chrome] = await Promise.all([
      queueFor(deps, user),
      getSiteSettings(deps.db),
      listCategories(deps.db),
      listStaffUsers(deps.db),
      adminChrome(deps, request, am.review.title, 'admin'),
    ]);
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const staffName = new Map(staff.map((s) => [s.id, s.displayName]));
    const rows = queue.map((a) => ({
      id: a.id,
      title: a.title,
      category: categoryName.get(a.categoryId) ?? '',
      level: levelName(settings.reviewLevels, a.reviewLevel),
      submittedBy: am.review.submittedBy((a.createdBy !== null && staffName.get(a.createdBy)) || '—'),
      submittedAt: shownDateTime(a.updatedAt),
    }));
    return sendAdminPage(reply, ReviewQueuePage({ chrome, rows }));
  });

  app.get<{ Params: { id: number } }>('/admin/review/:id', { preHandler: staffPage(deps, 'article.review'), schema: { params: idParams } }, async (request, reply) => {
    const user = request.staff as StaffUser;
    const article = await findArticle(deps.db, request.params.id);
    if (!article) return sendAdminMessage(deps, request, reply, 404);
    const [queue, settings, chrome] = await Promise.all([queueFor(deps, user), getSiteSettings(deps.db), adminChrome(deps, request, article.title, 'admin')]);
    if (article.status !== 'pending') {
      return sendAdminPage(reply, AdminMessagePage({ chrome, message: am.review.notPending }));
    }
    const index = queue.findIndex((a) => a.id === article.id);
    // After deciding, the article that was after this one; from outside the queue, its first.
    const next = queue.slice(index + 1).find((a) => a.id !== article.id) ?? queue.find((a) => a.id !== article.id);
    const view = ReviewArticlePage({
      chrome,
      article: { id: article.id, title: article.title, version: article.version },
      level: levelName(settings.reviewLevels, article.reviewLevel),
      position: index >= 0 ? am.review.position(index + 1, queue.length) : '',
      checks: await reviewChecks(deps, article, settings.licensedSources),
      barred: await whyNotApprove(deps, article, user),
      approveLabel: approveLabel(settings.reviewLevels, article.reviewLevel),
      next: next ? `/admin/review/${next.id}` : '/admin/review',
    });
    return sendAdminPage(reply, view);
  });
}
