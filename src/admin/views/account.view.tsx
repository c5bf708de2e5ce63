import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { TokenCreateForm, TokenTable, type TokenRow } from './api-tokens.view.js';
import { FormStatus, TextField } from './form-fields.js';

const a = am.account;

interface AccountPageProps {
  chrome: AdminChrome;
  username: string;
  roleName: string;
  totpEnabled: boolean;
  tokens: TokenRow[];
}

export function AccountPage({ chrome, username, roleName, totpEnabled, tokens }: AccountPageProps) {
  return (
    <AdminLayout chrome={chrome}>
      <dl class="card facts">
        <dt>{a.username}</dt>
        <dd>{username}</dd>
        <dt>{a.role}</dt>
        <dd>{roleName}</dd>
      </dl>
      <section class="card" aria-labelledby="totp-title">
        <h2 class="card__title" id="totp-title">
          {a.totp}
        </h2>
        <p>{totpEnabled ? a.totpOn : a.totpOff}</p>
        <button type="button" class="button button--primary" data-totp-start>
          {totpEnabled ? a.restart : a.start}
        </button>
        <div class="totp-setup" data-totp-setup hidden>
          <p>{a.step1}</p>
          {/* The image is made when there is a code to show: an <img> without src is invalid markup. */}
          <div class="totp-setup__qr" data-totp-qr />
          <p>
            {a.secret}
            <code class="totp-setup__secret" data-totp-secret />
          </p>
          <form data-api-form data-method="POST" data-url="/api/admin/me/totp/confirm" data-after="reload" novalidate>
            <input type="hidden" name="secret" value="" />
            <p>{a.step2}</p>
            <TextField name="code" label={a.code} value="" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" />
            {/* Replacing a factor that is on takes a code from it too: a session alone cannot swap in another phone. */}
            {totpEnabled && (
              <TextField name="currentCode" label={a.currentCode} hint={a.currentCodeHint} value="" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" />
            )}
            <button type="submit" class="button button--primary">
              {a.confirm}
            </button>
            <FormStatus />
          </form>
        </div>
        {totpEnabled && (
          <form data-api-form data-method="POST" data-url="/api/admin/me/totp/disable" data-after="reload" novalidate>
            <p>{a.disableHint}</p>
            <TextField name="code" label={a.code} value="" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" />
            <button type="submit" class="button">
              {a.disable}
            </button>
            <FormStatus />
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="password-title">
        <h2 class="card__title" id="password-title">
          {a.password}
        </h2>
        <form data-api-form data-method="POST" data-url="/api/admin/me/password" data-after="reload" novalidate>
          <p>{a.passwordHint}</p>
          <TextField name="currentPassword" label={a.currentPassword} value="" type="password" required autoComplete="current-password" />
          <TextField name="newPassword" label={a.newPassword} value="" type="password" required autoComplete="new-password" />
          <button type="submit" class="button button--primary">
            {a.changePassword}
          </button>
          <FormStatus />
        </form>
      </section>
      <section class="card" aria-labelledby="tokens-title">
        <h2 class="card__title" id="tokens-title">
          {am.tokens.title}
        </h2>
        <p>{am.tokens.intro}</p>
        <TokenTable tokens={tokens} revokeUrl={(id) => `/api/admin/me/tokens/${id}`} />
        <TokenCreateForm />
      </section>
    </AdminLayout>
  );
}
