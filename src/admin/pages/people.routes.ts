import type { FastifyInstance } from 'fastify';
import { type ApiToken, findStaffUser, listApiTokens, listStaffUsers } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { formatChinaDateTime } from '../../lib/china-time.js';
import { AccountPage } from '../views/account.view.js';
import { am } from '../views/admin-messages.js';
import type { TokenRow } from '../views/api-tokens.view.js';
import { UsersPage } from '../views/users.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';

function tokenRows(tokens: ApiToken[], now: Date): TokenRow[] {
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    created: formatChinaDateTime(t.createdAt),
    expires: !t.expiresAt ? am.tokens.forever : t.expiresAt <= now ? am.tokens.expired(formatChinaDateTime(t.expiresAt)) : am.tokens.until(formatChinaDateTime(t.expiresAt)),
    lastUsed: t.lastUsedAt ? formatChinaDateTime(t.lastUsedAt) : am.tokens.never,
  }));
}

export function registerPeoplePages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/admin/users', { preHandler: staffPage(deps, 'users.manage') }, async (request, reply) => {
    const [users, chrome] = await Promise.all([listStaffUsers(deps.db), adminChrome(deps, request, am.users.title, 'admin')]);
    const now = deps.clock();
    // One query per account: a newsroom has tens of staff, not thousands.
    const tokens = await Promise.all(users.map(async (u) => [u.id, tokenRows(await listApiTokens(deps.db, u.id), now)] as const));
    return sendAdminPage(reply, UsersPage({ chrome, users, tokens: new Map(tokens), selfId: request.staff!.id }));
  });

  app.get('/admin/account', { preHandler: staffPage(deps) }, async (request, reply) => {
    // Read afresh: the session's copy does not know about a second factor set up a moment ago.
    const [user, tokens, chrome] = await Promise.all([
      findStaffUser(deps.db, request.staff!.id),
      listApiTokens(deps.db, request.staff!.id),
      adminChrome(deps, request, am.account.title, 'admin'),
    ]);
    const me = user ?? request.staff!;
    return sendAdminPage(
      reply,
      AccountPage({ chrome, username: me.username, roleName: am.roles[me.role], totpEnabled: me.totpEnabled, tokens: tokenRows(tokens, deps.clock()) }),
    );
  });
}
