import { am } from '../views/admin-messages.js';
import { ApiError } from './api.js';
import { beijingChineseDateTime, beijingTextToIso, type FieldType, splitList, TAG_SEPARATOR } from './field-types.js';

type Json = Record<string, unknown>;
type FormField = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The fields a form sends, as a browser would: named, enabled, and not a file or a hidden `_` helper. */
function namedFields(form: HTMLFormElement, { enabledOnly = false } = {}): FormField[] {
  return [...form.elements].filter(
    (el): el is FormField =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) &&
      el.name !== '' &&
      el.type !== 'file' &&
      !el.name.startsWith('_') &&
      !(enabledOnly && el.matches(':disabled')),
  );
}

function readValue(field: FormField): unknown {
  const type = field.dataset.type as FieldType | undefined;
  const text = field.value;
  switch (type) {
    case 'bool':
      return (field as HTMLInputElement).checked;
    case 'int':
      return text.trim() === '' ? undefined : Number(text);
    case 'int-or-null':
      return text.trim() === '' ? null : Number(text);
    case 'lines':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    case 'text-or-null':
      return text.trim() === '' ? null : text;
    case 'optional-text':
      return text.trim() === '' ? undefined : text;
    case 'beijing-datetime':
      return beijingTextToIso(text);
    case 'list':
      return splitList(text);
    case 'int-list':
      return [...(field as HTMLSelectElement).selectedOptions].map((option) => Number(option.value));
    default:
      return text;
  }
}

/** `flags.pinned` → { flags: { pinned } }. */
function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[keys[keys.length - 1]!] = value;
}

function getPath(source: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), source);
}

/** A form's fields as the API's JSON, each converted by its data-type; unchecked radios and empty `int`s are left out. */
export function serializeForm(form: HTMLFormElement): Json {
  const data: Json = {};
  for (const field of namedFields(form, { enabledOnly: true })) {
    if (field instanceof HTMLInputElement && field.type === 'radio' && !field.checked) continue;
    const value = readValue(field);
    if (value !== undefined) setPath(data, field.name, value);
  }
  return data;
}

/**
 * A time typed as 2026-12-1 8:30 is written back as 2026年12月01日 08:30 when
 * the field is left, so the person sees how it was understood; text that is
 * no time stays as typed, for the save to refuse beside the field.
 */
export function initBeijingTimeFields(form: HTMLFormElement): void {
  form.addEventListener('change', (event) => {
    const field = event.target as HTMLInputElement;
    if (field.dataset?.type !== 'beijing-datetime') return;
    const iso = beijingTextToIso(field.value);
    if (iso && iso !== field.value) field.value = beijingChineseDateTime(iso);
  });
}

/** The inverse of serializeForm, for bringing back a copy kept in the browser. */
export function fillForm(form: HTMLFormElement, data: Json): void {
  for (const field of namedFields(form)) {
    const value = getPath(data, field.name);
    if (value === undefined) continue;
    if (field instanceof HTMLInputElement && field.type === 'radio') field.checked = field.value === value;
    else if (field.dataset.type === 'bool') (field as HTMLInputElement).checked = value === true;
    else if (field.dataset.type === 'lines') field.value = Array.isArray(value) ? value.join('\n') : '';
    else if (field.dataset.type === 'list') field.value = Array.isArray(value) ? value.join(TAG_SEPARATOR) : '';
    else if (field.dataset.type === 'int-list') for (const option of (field as HTMLSelectElement).options) option.selected = Array.isArray(value) && value.includes(Number(option.value));
    else if (field.dataset.type === 'beijing-datetime') field.value = beijingChineseDateTime(value as string | null);
    else field.value = value === null ? '' : String(value);
  }
}

// Domain errors name no field; these say which field a person should look at.
const FIELDS_BY_CODE: Record<string, string[]> = {
  'content.title_required': ['title'],
  'content.category_not_found': ['categoryId'],
  'content.image_alt_required': ['alt', 'bodyHtml'],
  'media.alt_too_long': ['alt'],
  'media.unsupported_image': ['file'],
  'media.too_large': ['file'],
  'media.too_many_pixels': ['file'],
  'media.corrupt_image': ['file'],
  'media.encode_failed': ['file'],
  'media.file_required': ['file'],
  'categories.slug_taken': ['slug'],
  'categories.invalid_slug': ['slug'],
  'categories.too_deep': ['parentId'],
  'users.username_taken': ['username'],
  'users.invalid_username': ['username'],
  'users.weak_password': ['password'],
  'auth.totp_required': ['totpCode'],
  'auth.bad_totp': ['totpCode', 'code'],
};

function showFieldError(form: HTMLFormElement, name: string, message: string): FormField | undefined {
  const line = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name)}"]`);
  if (!line) return undefined;
  line.textContent = message;
  line.hidden = false;
  const field = namedFields(form).find((f) => f.name === name);
  field?.setAttribute('aria-invalid', 'true');
  return field;
}

/** Candidate field names for an error: `licensedSources.3` is shown at `licensedSources`. */
function errorFields(error: ApiError): string[] {
  if (error.code === 'content.reprint_fields_required' && Array.isArray(error.details?.missing)) return error.details.missing as string[];
  if (!error.field) return FIELDS_BY_CODE[error.code] ?? [];
  const parts = error.field.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

export function clearErrors(form: HTMLFormElement): void {
  for (const line of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    line.hidden = true;
    line.textContent = '';
  }
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}

/**
 * What to write next to the field. The API names a schema problem with the
 * field's code name ("请求参数有误。（contactEmail 格式不正确）"); beside the
 * field itself only the problem is needed: "格式不正确".
 */
function besideField(error: ApiError): string {
  if (error.code === 'content.reprint_fields_required') return am.form.reprintMissing;
  if (error.code !== 'request.invalid' || !error.field) return error.message;
  return /（\S+ (.+)）$/.exec(error.message)?.[1] ?? error.message;
}

/**
 * Shows an error where the person will look: next to the field it is about,
 * which gets focus (unless the person is busy typing elsewhere: an autosave),
 * or in the form's status line when it is about no field.
 */
export function showError(form: HTMLFormElement, error: unknown, options: { focus: boolean } = { focus: true }): void {
  clearErrors(form);
  const message = error instanceof ApiError ? error.message : am.form.serverError;
  const reprint = error instanceof ApiError && error.code === 'content.reprint_fields_required';
  let first: FormField | undefined;
  for (const name of error instanceof ApiError ? errorFields(error) : []) {
    const field = showFieldError(form, name, besideField(error as ApiError));
    first ??= field;
    if (field && !reprint) break;
  }
  setStatus(form, first && !reprint ? am.form.failed : message, 'error');
  if (options.focus) first?.focus();
}

export function setStatus(form: HTMLFormElement, text: string, kind: 'ok' | 'error' | 'busy' = 'ok'): void {
  const status = form.querySelector<HTMLElement>('[data-form-status]');
  if (!status) return;
  status.textContent = text;
  status.dataset.kind = kind;
}
