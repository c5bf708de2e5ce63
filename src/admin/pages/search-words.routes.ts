import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { shownDateTime } from '../../lib/china-time.js';
import { listSearchWords } from '../../search/index.js';
import { am } from '../views/admin-messages.js';
import { SearchWordsPage } from '../views/search-words.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

export function registerSearchWordsPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/search-words', { preHandler: staffPage(deps, 'settings.manage') }, async (request, reply) => {
    const [words, chrome] = await Promise.all([listSearchWords(deps.db), adminChrome(deps, request, am.searchWords.title, 'admin')]);
    return sendAdminPage(reply, SearchWordsPage({ chrome, words: words.map((w) => ({ id: w.id, word: w.word, addedAt: shownDateTime(w.createdAt) })) }));
  });
}
