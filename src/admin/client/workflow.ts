import { api, ApiError, messageOf } from './api.js';
import type { ArticleDraft } from './article-draft.js';
import { reasonFor } from './dialogs.js';
import { showError } from './form-data.js';

/**
 * The review buttons (送审, 通过, 退回, 下架 …), which the server rendered
 * for this article's status and this person's role. What is typed is saved
 * first, so what goes to review is what is on the screen; then the page
 * reloads to show the new status and its buttons. Every move names the
 * version on screen (kept in the panel's data-version, updated by saves).
 */
export function initWorkflow(form: HTMLFormElement, panel: HTMLElement, draft: ArticleDraft, editable: boolean): void {
  const status = panel.querySelector<HTMLElement>('[data-workflow-status]')!;
  for (const button of panel.querySelectorAll<HTMLButtonElement>('button[data-transition]')) {
    button.addEventListener('click', async () => {
      const { transition, to } = button.dataset;
      const reason = await reasonFor(button);
      if (reason === null) return;
      button.disabled = true;
      status.textContent = '';
      try {
        if (editable && (draft.dirty || !draft.id) && !(await draft.save())) return;
        // The version on screen: if someone changed the article since, the server refuses rather than publish unread text.
        const version = Number(panel.dataset.version);
        const { outcome } = await api<{ outcome: string }>('POST', `/api/admin/articles/${draft.id}/transitions`, { to, version, ...(reason ? { reason } : {}) });
        const done = outcome === 'first_review_passed' ? 'first_review' : transition;
        location.assign(`/admin/articles/${draft.id}/edit?done=${done}`);
      } catch (error) {
        status.textContent = messageOf(error);
        // A reprint sent without its source or editor: point at the empty fields.
        if (error instanceof ApiError && error.code === 'content.reprint_fields_required') showError(form, error);
      } finally {
        button.disabled = false;
      }
    });
  }
}
