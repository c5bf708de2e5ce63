import { am } from '../views/admin-messages.js';
import { api, ApiError } from './api.js';
import { clearErrors, setStatus, showError } from './form-data.js';
import { initLibraryTab } from './library-tab.js';

/** What POST /api/admin/media answers. */
export interface UploadedImage {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  srcset: string;
  variants?: Array<{ width: number; url: string }>;
  /** For an article body: site paths, which the body's sanitizer accepts whatever the storage. */
  body: { src: string; srcset: string };
}

/**
 * Opens one of the page's <dialog>s (modal: focus stays inside, Escape
 * cancels, focus returns to the button that opened it) and resolves once
 * `accept` agrees to close it, or with false when cancelled.
 */
function runDialog(dialog: HTMLDialogElement, accept: (form: HTMLFormElement) => Promise<boolean>): Promise<boolean> {
  const form = dialog.querySelector('form')!;
  const cancelButtons = [...dialog.querySelectorAll<HTMLButtonElement>('[data-dialog-cancel]')];
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      form.removeEventListener('submit', onSubmit);
      cancelButtons.forEach((b) => b.removeEventListener('click', onCancel));
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(ok);
    };
    const onSubmit = (event: Event) => {
      event.preventDefault();
      void accept(form).then((ok) => ok && finish(true));
    };
    const onCancel = () => finish(false);
    form.addEventListener('submit', onSubmit);
    cancelButtons.forEach((b) => b.addEventListener('click', onCancel));
    dialog.addEventListener('cancel', onCancel);
    clearErrors(form);
    setStatus(form, '');
    dialog.showModal();
  });
}

/**
 * Asks for one piece of text. `check` returns a problem to show, or
 * undefined when the text will do. Resolves with the trimmed text, or null
 * when cancelled.
 */
export async function askText(options: { title: string; label: string; value?: string; check?: (text: string) => string | undefined }): Promise<string | null> {
  const dialog = document.querySelector<HTMLDialogElement>('#ask-dialog')!;
  const input = dialog.querySelector<HTMLTextAreaElement>('#ask-input')!;
  const problem = dialog.querySelector<HTMLElement>('#ask-input-error')!;
  dialog.querySelector('[data-ask-title]')!.textContent = options.title;
  dialog.querySelector('[data-ask-label]')!.textContent = options.label;
  input.value = options.value ?? '';
  problem.hidden = true;
  input.removeAttribute('aria-invalid');
  const ok = await runDialog(dialog, async () => {
    const found = (options.check ?? requireText)(input.value.trim());
    problem.textContent = found ?? '';
    problem.hidden = !found;
    if (found) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
    return !found;
  });
  return ok ? input.value.trim() : null;
}

const requireText = (text: string) => (text ? undefined : am.dialog.required);

let resetLibraryTab: (() => void) | undefined;
/** The image chosen in the library tab during the dialog now open. */
let picked: UploadedImage | null = null;

/**
 * Asks for an image: a file and its text alternative, uploaded (nothing is
 * sent without the alternative: every image on the site must have one), or
 * one already in the library (从图库选择). `watermark: false` for logos and QR codes.
 */
export async function askUpload(options: { watermark: boolean }): Promise<UploadedImage | null> {
  const dialog = document.querySelector<HTMLDialogElement>('#upload-dialog')!;
  const fileInput = dialog.querySelector<HTMLInputElement>('input[type="file"]')!;
  const altInput = dialog.querySelector<HTMLInputElement>('input[name="alt"]')!;
  const submit = dialog.querySelector<HTMLButtonElement>('[data-upload-submit]')!;
  let uploaded: UploadedImage | null = null;
  picked = null;
  resetLibraryTab ??= initLibraryTab(dialog, (image) => {
    picked = image;
    dialog.querySelector('form')!.requestSubmit();
  });
  resetLibraryTab();
  dialog.querySelector('form')!.reset();
  const ok = await runDialog(dialog, async (form) => {
    if (picked) {
      uploaded = picked;
      return true;
    }
    const file = fileInput.files?.[0];
    const alt = altInput.value.trim();
    if (!file || !alt) {
      showError(form, !file ? new ApiError(0, 'media.file_required', am.upload.fileRequired) : new ApiError(0, 'content.image_alt_required', am.upload.altRequired));
      return false;
    }
    const body = new FormData();
    // The text fields go before the file, so the server has them when the file arrives.
    body.append('alt', alt);
    if (!options.watermark) body.append('watermark', 'off');
    body.append('file', file);
    submit.disabled = true;
    setStatus(form, am.upload.busy, 'busy');
    try {
      uploaded = await api<UploadedImage>('POST', '/api/admin/media', body);
      return true;
    } catch (error) {
      showError(form, error);
      return false;
    } finally {
      submit.disabled = false;
    }
  });
  return ok ? uploaded : null;
}


/** The reason a workflow button asks for (its data-reason-title and data-reason-label): '' when it asks none, null when the person cancels. */
export async function reasonFor(button: HTMLElement): Promise<string | null> {
  const { reasonTitle, reasonLabel } = button.dataset;
  return reasonTitle && reasonLabel ? askText({ title: reasonTitle, label: reasonLabel }) : '';
}
