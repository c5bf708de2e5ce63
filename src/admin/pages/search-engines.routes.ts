import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { shownDateTime } from '../../lib/china-time.js';
import { getSearchPushSettings, listRecentPushes, searchPushSettingsView } from '../../search-push/index.js';
import { absoluteUrl, paths } from '../../web/urls.js';
import { am } from '../views/admin-messages.js';
import { pushResultText } from '../views/push-result-text.js';
import { SearchEnginesPage } from '../views/search-engines.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

const SHOWN_PUSHES = 100;

export function registerSearchEnginesPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/search-engines', { preHandler: staffPage(deps, 'settings.manage') }, async (request, reply) => {
    const [settings, pushes, chrome] = await Promise.all([
      getSearchPushSettings(deps.db),
      listRecentPushes(deps.db, SHOWN_PUSHES),
      adminChrome(deps, request, am.searchEngines.title, 'admin'),
    ]);
    const rows = pushes.map((push) => ({
      id: push.id,
      articleTitle: push.articleTitle,
      url: absoluteUrl(request.pageOrigin, paths.article(push.articleId)),
      engine: push.engine,
      status: push.status,
      attempts: push.attempts,
      time: shownDateTime(push.doneAt ?? push.nextAttemptAt),
      resultText: pushResultText(push.lastResult),
    }));
    return sendAdminPage(reply, SearchEnginesPage({ chrome, settings: searchPushSettingsView(settings), pushes: rows }));
  });
}
