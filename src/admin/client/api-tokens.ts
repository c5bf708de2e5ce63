import { api } from './api.js';
import { clearErrors, serializeForm, setStatus, showError } from './form-data.js';

/**
 * Creating one's own API token on the account page. Unlike other API forms
 * the page cannot simply reload: the secret comes back once, and is shown
 * here until the person says they copied it.
 */
export function initTokenCreate(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-token-create]');
  if (!form) return;
  const box = form.querySelector<HTMLElement>('[data-new-token]')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.disabled = true;
    try {
      const { token } = await api<{ token: string }>('POST', '/api/admin/me/tokens', serializeForm(form));
      box.querySelector<HTMLElement>('[data-token-secret]')!.textContent = token;
      box.hidden = false;
      setStatus(form, '');
    } catch (error) {
      showError(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  box.querySelector('[data-token-done]')?.addEventListener('click', () => location.reload());
}
