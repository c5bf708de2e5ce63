import type { Editor } from '@tiptap/core';
import { am } from '../views/admin-messages.js';
import { api, ApiError } from './api.js';
import { beijingClock } from './field-types.js';
import { clearErrors, fillForm, serializeForm, setStatus, showError } from './form-data.js';
import { clearImageMarks, pointAtImagesWithoutAlt } from './image-marks.js';
import { setPickerImage } from './image-picker.js';
import { LocalCopy } from './local-copy.js';

// Save this long after the last keystroke, and never later than MAX_WAIT after the first unsaved one.
const QUIET_MS = 3_000;
const MAX_WAIT_MS = 15_000;

type Payload = Record<string, unknown>;

/** What the article API answers to a read or a save: the article and what staff are warned about. */
export interface SavedArticle {
  article: { id: number; version: number };
  warnings: string[];
  lexiconHits?: Array<{ matched: string; action: string }>;
}

/**
 * The article being edited, and getting it safely to the server. Every
 * change is copied to the browser's storage at once and kept until the
 * server confirms a save that includes it; drafts are saved by themselves a
 * few seconds after typing stops. Saves go one at a time, in order.
 */
export class ArticleDraft {
  id: number | undefined;
  private changes = 0;
  private savedChanges = 0;
  private firstUnsavedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<boolean> = Promise.resolve(true);
  private readonly local: LocalCopy;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly editor: Editor,
    private readonly onSaved: (result: SavedArticle) => void,
  ) {
    this.id = Number(form.dataset.articleId) || undefined;
    this.local = new LocalCopy(this.id);
  }

  get dirty(): boolean {
    return this.changes !== this.savedChanges;
  }

  private get autosave(): boolean {
    return this.form.dataset.autosave === 'true';
  }

  /** The article as the API takes it. */
  payload(): Payload {
    const data = serializeForm(this.form);
    data.bodyHtml = this.editor.getHTML();
    const lead = data.leadImage as { mediaId: number | null; alt: string } | undefined;
    data.leadImage = lead?.mediaId ? { mediaId: lead.mediaId, alt: lead.alt.trim() } : null;
    return data;
  }

  changed(): void {
    this.changes++;
    this.local.save(this.payload(), this.leadImagePreview());
    setStatus(this.form, am.editor.unsavedChanges, 'busy');
    if (!this.autosave) return;
    const now = Date.now();
    if (this.changes - this.savedChanges === 1) this.firstUnsavedAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstUnsavedAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.save(true), wait);
  }

  /** Resolves true once the server has everything typed so far. `quiet` for autosaves: no focus moves. */
  save(quiet = false): Promise<boolean> {
    clearTimeout(this.timer);
    this.queue = this.queue.then(
      () => this.send(quiet),
      () => this.send(quiet),
    );
    return this.queue;
  }

  private async send(quiet: boolean): Promise<boolean> {
    if (this.id && !this.dirty) return true;
    const payload = this.payload();
    if (!this.id && !(String(payload.title).trim() && payload.categoryId)) {
      if (quiet) setStatus(this.form, am.editor.notSavedYet);
      else showError(this.form, String(payload.title).trim() ? new ApiError(0, 'content.category_not_found', am.editor.categoryRequired) : new ApiError(0, 'content.title_required', am.editor.titleRequired));
      return false;
    }
    const included = this.changes;
    setStatus(this.form, am.editor.saving, 'busy');
    try {
      const result = this.id
        ? await api<SavedArticle>('PATCH', `/api/admin/articles/${this.id}`, payload)
        : await api<SavedArticle>('POST', '/api/admin/articles', payload);
      if (!this.id) this.created(result.article.id);
      this.savedChanges = Math.max(this.savedChanges, included);
      if (!this.dirty) this.local.drop();
      clearErrors(this.form);
      clearImageMarks(this.editor, 'needs-alt');
      setStatus(this.form, am.editor.savedAt(beijingClock(new Date())), 'ok');
      this.onSaved(result);
      return true;
    } catch (error) {
      // The next autosave waits for a pause again, rather than retrying on every keystroke.
      this.firstUnsavedAt = Date.now();
      this.showFailure(error, quiet);
      return false;
    }
  }

  private created(id: number): void {
    this.id = id;
    this.form.dataset.articleId = String(id);
    this.local.moveTo(id);
    // The address now names the article, so a reload or a bookmark finds it.
    history.replaceState(null, '', `/admin/articles/${id}/edit`);
  }

  private showFailure(error: unknown, quiet: boolean): void {
    showError(this.form, error, { focus: !quiet });
    if (error instanceof ApiError && error.code === 'content.body_image_alt_required' && Array.isArray(error.details?.indexes)) {
      pointAtImagesWithoutAlt(this.editor, error.details.indexes as number[], am.paste.needsAlt, { select: !quiet });
    }
    const status = this.form.querySelector<HTMLElement>('[data-form-status]');
    if (!status) return;
    if (error instanceof ApiError && error.status === 401) {
      // Signing in again in another tab keeps this page, and what is typed in it.
      const link = Object.assign(document.createElement('a'), { href: '/admin/sign-in', target: '_blank', textContent: am.editor.signInAgain });
      status.replaceChildren(`${am.editor.sessionExpired} `, link);
      return;
    }
    status.textContent = am.editor.saveFailed(error instanceof Error ? error.message : am.form.serverError);
  }

  private leadImagePreview() {
    const img = this.form.querySelector<HTMLImageElement>('[data-image-picker] [data-image-preview] img');
    const id = Number(this.form.querySelector<HTMLInputElement>('input[name="leadImage.mediaId"]')?.value);
    return img && id ? { id, url: img.src, alt: img.alt } : null;
  }

  /** When the browser kept changes the server never got (a crash, a lost connection), offers them back. */
  offerLocalCopy(banner: HTMLElement, afterRestore: () => void): void {
    const copy = this.local.load();
    if (!copy) return;
    if (JSON.stringify(copy.payload) === JSON.stringify(this.payload())) return this.local.drop();
    banner.hidden = false;
    banner.querySelector('[data-restore-local]')?.addEventListener('click', () => {
      fillForm(this.form, copy.payload);
      this.editor.commands.setContent(String(copy.payload.bodyHtml ?? ''));
      const picker = this.form.querySelector<HTMLElement>('[data-image-picker]');
      if (picker) setPickerImage(picker, copy.leadImage);
      banner.hidden = true;
      afterRestore();
      this.changed();
    });
    banner.querySelector('[data-discard-local]')?.addEventListener('click', () => {
      this.local.drop();
      banner.hidden = true;
    });
  }
}
