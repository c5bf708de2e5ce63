import { am } from '../views/admin-messages.js';
import { api, ApiError } from './api.js';
import { clearErrors, serializeForm, setStatus, showError } from './form-data.js';

/**
 * Signs in through the session API. The code field appears only when the
 * account has a second factor (the API says auth.totp_required), and what
 * was typed stays, so nobody types the password twice.
 */
export function initSignIn(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-sign-in]');
  if (!form) return;
  const totp = form.querySelector<HTMLElement>('[data-totp]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  form.querySelector<HTMLInputElement>('input[name="username"]')?.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = serializeForm(form);
    if (!data.totpCode) delete data.totpCode;
    clearErrors(form);
    setStatus(form, am.signIn.busy, 'busy');
    button.disabled = true;
    try {
      await api('POST', '/api/admin/session', data);
      location.assign(form.dataset.next ?? '/admin');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'auth.totp_required') totp.hidden = false;
      showError(form, error);
      button.disabled = false;
    }
  });
}
