import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';

/**
 * Two-step sign-in set-up: the API makes a secret and its QR code; the
 * person scans it and confirms with a code (a data-api-form). The SVG is
 * shown as an image, so even markup from the server cannot run as script.
 */
export function initTotpSetup(): void {
  const start = document.querySelector<HTMLButtonElement>('[data-totp-start]');
  const setup = document.querySelector<HTMLElement>('[data-totp-setup]');
  if (!start || !setup) return;
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const { qrSvg, secret } = await api<{ qrSvg: string; secret: string }>('POST', '/api/admin/me/totp');
      const qr = Object.assign(document.createElement('img'), {
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`,
        alt: am.account.qrAlt,
        width: 200,
        height: 200,
      });
      setup.querySelector<HTMLElement>('[data-totp-qr]')!.replaceChildren(qr);
      setup.querySelector<HTMLElement>('[data-totp-secret]')!.textContent = secret.replace(/(.{4})/g, '$1 ').trim();
      // The confirming form sends the secret back with the code: the server keeps nothing in between.
      setup.querySelector<HTMLInputElement>('input[name="secret"]')!.value = secret;
      setup.hidden = false;
      setup.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
    } catch (error) {
      alert(messageOf(error));
    } finally {
      start.disabled = false;
    }
  });
}
