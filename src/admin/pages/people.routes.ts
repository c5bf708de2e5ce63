import type { FastifyInstance } from 'fastify';
import { findStaffUser, listStaffUsers } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { AccountPage } from '../views/account.view.js';
import { am } from '../views/admin-messages.js';
import { UsersPage } from '../views/users.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

export function registerPeoplePages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/users', { preHandler: staffPage(deps, 'users.manage') }, async (request, reply) => {
    const [users, chrome] = await Promise.all([listStaffUsers(deps.db), adminChrome(deps, request, am.users.title, 'admin')]);
    return sendAdminPage(reply, UsersPage({ chrome, users, selfId: request.staff!.id }));
  });

  app.get('/admin/account', { preHandler: staffPage(deps) }, async (request, reply) => {
    // Read afresh: the session's copy does not know about a second factor set up a moment ago.
    const [user, chrome] = await Promise.all([findStaffUser(deps.db, request.staff!.id), adminChrome(deps, request, am.account.title, 'admin')]);
    const me = user ?? request.staff!;
    return sendAdminPage(reply, AccountPage({ chrome, username: me.username, roleName: am.roles[me.role], totpEnabled: me.totpEnabled }));
  });
}
