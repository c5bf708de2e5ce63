import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { countLexiconEntries, listLexiconPage } from '../../moderation/index.js';
import { am } from '../views/admin-messages.js';
import { LexiconPage, TextCheckPage } from '../views/lexicon.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pageLinks } from './page-data.js';

const PAGE_SIZE = 200;
const lexiconQuery = {
  type: 'object',
  properties: { q: { type: 'string', maxLength: 100 }, page: { type: 'string', pattern: '^\\d{0,6}$' } },
} as const;

export function registerLexiconPages(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { q?: string; page?: string } }>(
    '/admin/lexicon',
    { preHandler: staffPage(deps, 'lexicon.manage'), schema: { querystring: lexiconQuery } },
    async (request, reply) => {
      const search = request.query.q?.trim() ?? '';
      const page = Number(request.query.page) || 1;
      // Compiling the lexicon fills an empty table with the default list, so a new site's admin sees what protects it.
      await deps.lexicon.lexicon();
      // A site's list runs to tens of thousands of entries: only one page of them is read.
      const [{ entries, total: matching }, total, chrome] = await Promise.all([
        listLexiconPage(deps.db, { text: search || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        search ? countLexiconEntries(deps.db) : undefined,
        adminChrome(deps, request, am.lexicon.title, 'admin'),
      ]);
      const view = LexiconPage({
        chrome,
        search,
        rows: entries.map((e) => ({ id: e.id, term: e.term, action: e.action, message: e.message ?? '' })),
        matching,
        total: total ?? matching,
        pages: pageLinks('/admin/lexicon', { q: search || undefined }, page, Math.max(1, Math.ceil(matching / PAGE_SIZE))),
      });
      return sendAdminPage(reply, view);
    },
  );

  app.get('/admin/lexicon/check', { preHandler: staffPage(deps, 'article.view') }, async (request, reply) => {
    const chrome = await adminChrome(deps, request, am.lexicon.checkTitle, 'admin');
    return sendAdminPage(reply, TextCheckPage({ chrome }));
  });
}
