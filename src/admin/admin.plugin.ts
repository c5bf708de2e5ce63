import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { registerAdApi } from './api/ads.routes.js';
import { registerArticleBatchApi } from './api/article-batch.routes.js';
import { registerSavedFilterApi } from './api/saved-filters.routes.js';
import { registerArticleApi } from './api/articles.routes.js';
import { registerAuditApi } from './api/audit.routes.js';
import { registerCategoryApi } from './api/categories.routes.js';
import { registerArticleReportsApi } from './api/article-reports.routes.js';
import { registerCommentModerationApi } from './api/comments.routes.js';
import { registerLexiconApi } from './api/lexicon.routes.js';
import { registerMediaApi } from './api/media.routes.js';
import { registerSearchEnginesApi } from './api/search-engines.routes.js';
import { registerImportApi } from './api/import.routes.js';
import { registerPasteApi } from './api/paste.routes.js';
import { registerReprintApi } from './api/reprint.routes.js';
import { registerSearchWordApi } from './api/search-words.routes.js';
import { registerMediaLibraryApi } from './api/media-library.routes.js';
import { registerTagApi } from './api/tags.routes.js';
import { registerTopicApi } from './api/topics.routes.js';
import { registerSessionApi, SESSION_PATH } from './api/session.routes.js';
import { registerSettingsApi } from './api/settings.routes.js';
import { registerSmsSettingsApi } from './api/sms-settings.routes.js';
import { registerStatsApi } from './api/stats.routes.js';
import { registerTokenApi } from './api/tokens.routes.js';
import { registerUserApi } from './api/users.routes.js';
import { registerAdminPages } from './pages/admin-pages.plugin.js';
import { registerStaffAuth, STATE_CHANGING } from './staff-auth.js';

/** Signing in and out changes no page: it needs no Redis, and empties no cache. */
const changesPages = (request: FastifyRequest) => STATE_CHANGING.has(request.method) && request.routeOptions.url !== SESSION_PATH;

/**
 * The newsroom: the admin JSON API under /api/admin and the admin pages
 * under /admin, in one scope whose every request goes through staff
 * authentication and CSRF checks.
 */
export async function registerAdmin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    registerStaffAuth(scope, deps);
    // Whatever staff change may show on readers' pages. Before it is made, every instance is told to drop its
    // pages, and a change that cannot be announced (this instance lost Redis) is refused with 503: the others
    // would go on serving a withdrawn article. After it succeeds, the page cache of every instance is emptied
    // again, before the answer leaves, so whoever sees "saved" and looks at the site sees the change, and
    // nothing built from the database while it was being made is kept.
    scope.addHook('preHandler', async (request) => {
      if (changesPages(request)) await app.pageCache.announceChange();
    });
    scope.addHook('onSend', async (request, reply, payload) => {
      if (changesPages(request) && reply.statusCode < 400) await app.pageCache.clear();
      return payload;
    });
    registerSessionApi(scope, deps);
    registerArticleApi(scope, deps);
    registerArticleBatchApi(scope, deps);
    registerSavedFilterApi(scope, deps);
    registerSettingsApi(scope, deps);
    registerSmsSettingsApi(scope, deps);
    registerSearchEnginesApi(scope, deps);
    registerCategoryApi(scope, deps);
    registerUserApi(scope, deps);
    registerTokenApi(scope, deps);
    registerAuditApi(scope, deps);
    registerMediaApi(scope, deps);
    registerMediaLibraryApi(scope, deps);
    registerPasteApi(scope, deps);
    registerReprintApi(scope, deps);
    registerImportApi(scope, deps);
    registerCommentModerationApi(scope, deps);
    registerArticleReportsApi(scope, deps);
    registerLexiconApi(scope, deps);
    registerSearchWordApi(scope, deps);
    registerTagApi(scope, deps);
    registerTopicApi(scope, deps);
    registerStatsApi(scope, deps);
    registerAdApi(scope, deps);
    await registerAdminPages(scope, deps);
  });
}
