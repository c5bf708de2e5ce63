import { STAFF_ROLES, type StaffUser } from '../../accounts/index.js';
import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { TokenTable, type TokenRow } from './api-tokens.view.js';
import { CheckboxField, FormStatus, SelectField, TextField } from './form-fields.js';

const u = am.users;
const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: am.roles[role] }));

/**
 * One account: name, role and 停用 in one form, a new password in another,
 * and its API tokens. Admins cannot demote or disable themselves here, and
 * the server refuses to leave the site without an active admin.
 */
function UserRow({ user, self, tokens }: { user: StaffUser; self: boolean; tokens: TokenRow[] }) {
  const id = (name: string) => `u${user.id}-${name}`;
  return (
    <li class="card user">
      <h2 class="card__title">
        {user.displayName} <span class="user__username">{user.username}</span>
        {self && <span class="user__badge">{u.you}</span>}
        {user.disabled && <span class="status status--withdrawn">{u.disabledBadge}</span>}
        {user.totpEnabled && <span class="status status--published">{u.totpOn}</span>}
      </h2>
      <form data-api-form data-method="PATCH" data-url={`/api/admin/users/${user.id}`} data-after="reload" novalidate>
        <div class="user__fields">
          <TextField id={id('display')} name="displayName" label={u.displayName} value={user.displayName} required maxLength={30} />
          <SelectField id={id('role')} name="role" label={u.role} value={user.role} options={ROLE_OPTIONS} disabled={self} />
        </div>
        {!self && <CheckboxField id={id('disabled')} name="disabled" label={u.disabled} checked={user.disabled} />}
        <button type="submit" class="button">
          {u.save}
        </button>
        <FormStatus />
      </form>
      <details class="user__password">
        <summary>{u.resetPassword}</summary>
        <form data-api-form data-method="PATCH" data-url={`/api/admin/users/${user.id}`} data-after="reset" data-done={u.resetDone} novalidate>
          <TextField id={id('password')} name="password" label={u.newPassword} hint={u.passwordHint} value="" type="password" required autoComplete="new-password" maxLength={200} />
          <button type="submit" class="button">
            {u.resetPassword}
          </button>
          <FormStatus />
        </form>
      </details>
      <details class="user__tokens">
        <summary>{am.tokens.ofUser(tokens.length)}</summary>
        <TokenTable tokens={tokens} revokeUrl={(tokenId) => `/api/admin/users/${user.id}/tokens/${tokenId}`} />
      </details>
    </li>
  );
}

export function UsersPage({ chrome, users, tokens, selfId }: { chrome: AdminChrome; users: StaffUser[]; tokens: Map<number, TokenRow[]>; selfId: number }) {
  return (
    <AdminLayout chrome={chrome}>
      <form class="card" data-api-form data-method="POST" data-url="/api/admin/users" data-after="reload" novalidate>
        <h2 class="card__title">{u.create}</h2>
        <TextField id="new-username" name="username" label={u.username} hint={u.usernameHint} value="" required maxLength={32} autoComplete="off" />
        <TextField id="new-display" name="displayName" label={u.displayName} value="" required maxLength={30} />
        <TextField id="new-real" name="realName" label={u.realName} value="" maxLength={30} dataType="optional-text" />
        <TextField id="new-password" name="password" label={u.password} hint={u.passwordHint} value="" type="password" required autoComplete="new-password" maxLength={200} />
        <SelectField id="new-role" name="role" label={u.role} value="editor" options={ROLE_OPTIONS} />
        <button type="submit" class="button button--primary">
          {u.add}
        </button>
        <FormStatus />
      </form>
      <ul class="users">
        {users.map((user) => (
          <UserRow key={user.id} user={user} self={user.id === selfId} tokens={tokens.get(user.id) ?? []} />
        ))}
      </ul>
    </AdminLayout>
  );
}
