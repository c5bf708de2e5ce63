import { am } from '../views/admin-messages.js';
import { api } from './api.js';
import { clearErrors, initBeijingTimeFields, serializeForm, setStatus, showError } from './form-data.js';

/**
 * Forms that talk to the JSON API, declared in the markup so each page needs
 * no script of its own:
 *
 *   <form data-api-form data-method="PATCH" data-url="/api/admin/settings" data-after="reload">
 *   <form data-api-form data-url="/api/admin/articles/reprint" data-after="open-article" data-busy="正在抓取…">
 *   <button type="button" data-api-call data-method="DELETE" data-url="/api/admin/categories/3" data-confirm="确定删除…">
 *
 * A form sends its fields as JSON (see serializeForm); a button sends no
 * body, and shows the answer's message, if it has one, before the page
 * reloads. Errors are shown by the field they are about.
 */
export function initApiForms(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-api-form]')) {
    initBeijingTimeFields(form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submitForm(form);
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-api-call]')) {
    button.addEventListener('click', () => void callButton(button));
  }
}

async function submitForm(form: HTMLFormElement): Promise<void> {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
  clearErrors(form);
  setStatus(form, form.dataset.busy ?? am.form.saving, 'busy');
  buttons.forEach((b) => (b.disabled = true));
  try {
    const answer = await api<{ article?: { id: number } }>(form.dataset.method ?? 'POST', form.dataset.url!, serializeForm(form));
    if (form.dataset.after === 'reload') return location.reload();
    // A form that creates an article (从链接转载) goes on in the editor.
    if (form.dataset.after === 'open-article' && answer.article) return location.assign(`/admin/articles/${answer.article.id}/edit`);
    if (form.dataset.after === 'reset') form.reset();
    setStatus(form, form.dataset.done ?? am.form.saved);
  } catch (error) {
    showError(form, error);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

async function callButton(button: HTMLButtonElement): Promise<void> {
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  const form = button.closest('form');
  button.disabled = true;
  try {
    const answer = await api<{ message?: string } | undefined>(button.dataset.method ?? 'POST', button.dataset.url!);
    // Done, with something the person must know (an image deleted whose files storage has yet to remove): said before the page changes.
    if (answer?.message) alert(answer.message);
    location.reload();
  } catch (error) {
    if (form) showError(form, error);
    else alert(error instanceof Error ? error.message : am.form.serverError);
  } finally {
    button.disabled = false;
  }
}

/** The header's sign-out button: ends the session, then shows the sign-in page. */
export function initSignOut(): void {
  document.querySelector('[data-sign-out]')?.addEventListener('click', async () => {
    await api('DELETE', '/api/admin/session').catch(() => undefined);
    location.assign('/admin/sign-in');
  });
}
