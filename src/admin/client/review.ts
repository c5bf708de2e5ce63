import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';
import { reasonFor } from './dialogs.js';

/**
 * The review bar: 通过 names the version on screen (the server refuses a
 * stale approval rather than publish text nobody read), 退回 asks for the
 * reason the writer will see; either way the next article in the queue opens.
 */
export function initReviewBar(): void {
  const bar = document.querySelector<HTMLElement>('[data-review]');
  if (!bar) return;
  const status = bar.querySelector<HTMLElement>('[data-review-status]')!;
  for (const button of bar.querySelectorAll<HTMLButtonElement>('button[data-review-decision]')) {
    button.addEventListener('click', async () => {
      const { reviewDecision: to } = button.dataset;
      const reason = await reasonFor(button);
      if (reason === null) return;
      button.disabled = true;
      status.textContent = '';
      try {
        await api('POST', `/api/admin/articles/${bar.dataset.articleId}/transitions`, { to, version: Number(bar.dataset.version), ...(reason ? { reason } : {}) });
        status.textContent = am.review.done;
        location.assign(bar.dataset.next!);
      } catch (error) {
        status.textContent = messageOf(error);
        button.disabled = false;
      }
    });
  }
}
