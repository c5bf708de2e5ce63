import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { am } from '../views/admin-messages.js';
import { SignInPage } from '../views/sign-in.view.js';
import { adminChrome, safeNext, sendAdminPage } from './admin-page.js';

export function registerSignInPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { next?: string } }>(
    '/admin/sign-in',
    { schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 2000 } } } } },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      // Already signed in (a bookmarked sign-in page, the back button): straight on.
      if (request.staff) return reply.redirect(next, 303);
      const chrome = await adminChrome(deps, request, am.signIn.title, 'admin');
      return sendAdminPage(reply, SignInPage({ chrome, next }));
    },
  );
}
