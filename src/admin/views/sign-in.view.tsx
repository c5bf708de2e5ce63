import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { FormStatus, TextField } from './form-fields.js';

/**
 * The sign-in form. The script sends it to the session API and, when the
 * API answers auth.totp_required, reveals the code field, keeping what was
 * typed. `next` has been checked to be a local path.
 */
export function SignInPage({ chrome, next }: { chrome: AdminChrome; next: string }) {
  return (
    <AdminLayout chrome={chrome}>
      <form class="card sign-in" data-sign-in data-next={next} novalidate>
        <TextField name="username" label={am.signIn.username} value="" required autoComplete="username" maxLength={64} />
        <TextField name="password" label={am.signIn.password} value="" type="password" required autoComplete="current-password" maxLength={200} />
        <div data-totp hidden>
          <TextField
            name="totpCode"
            label={am.signIn.totp}
            hint={am.signIn.totpHint}
            value=""
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
          />
        </div>
        <FormStatus />
        <button type="submit" class="button button--primary button--wide">
          {am.signIn.submit}
        </button>
        <p class="field__hint">{am.signIn.forgot}</p>
      </form>
    </AdminLayout>
  );
}
