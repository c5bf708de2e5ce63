import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { registerAdminAssets } from './admin-assets.js';
import { registerArticleEditorPages } from './article-editor.routes.js';
import { registerArticleListPage } from './article-list.routes.js';
import { registerAuditPage } from './audit.routes.js';
import { registerArticleReportsPage } from './article-reports.routes.js';
import { registerCommentQueuePage } from './comment-queue.routes.js';
import { registerDashboardPages } from './dashboard.routes.js';
import { registerLexiconPages } from './lexicon.routes.js';
import { registerMediaLibraryPage } from './media-library.routes.js';
import { registerReviewPages } from './review.routes.js';
import { registerPeoplePages } from './people.routes.js';
import { registerSearchEnginesPage } from './search-engines.routes.js';
import { registerAdsPages } from './ads.routes.js';
import { registerWordpressImportPage } from './wordpress-import.routes.js';
import { registerSearchWordsPage } from './search-words.routes.js';
import { registerSiteSetupPages } from './site-setup.routes.js';
import { registerSignInPage } from './sign-in.routes.js';
import { registerTopicPages } from './topics.routes.js';

/**
 * The newsroom's HTML pages under /admin. They only read: every change goes
 * through the JSON API from the pages' scripts, so the API is the one place
 * that checks and records it. Registered inside the admin scope, after its
 * staff authentication hook.
 */
export async function registerAdminPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerAdminAssets(app);
  registerSignInPage(app, deps);
  registerDashboardPages(app, deps);
  registerArticleListPage(app, deps);
  registerArticleEditorPages(app, deps);
  registerSiteSetupPages(app, deps);
  registerPeoplePages(app, deps);
  registerAuditPage(app, deps);
  registerCommentQueuePage(app, deps);
  registerArticleReportsPage(app, deps);
  registerLexiconPages(app, deps);
  registerSearchWordsPage(app, deps);
  registerMediaLibraryPage(app, deps);
  registerReviewPages(app, deps);
  registerSearchEnginesPage(app, deps);
  registerAdsPages(app, deps);
  registerTopicPages(app, deps);
  registerWordpressImportPage(app, deps);
}
