import { am } from '../views/admin-messages.js';
import { type HitSpan, hitSegments, personRange, strongestHit } from '../views/hit-segments.js';
import { api } from './api.js';
import { clearErrors, setStatus, showError } from './form-data.js';

const t = am.lexicon;
/** More error lines than this are counted, not listed: nobody reads ten thousand of them. */
const LISTED_ERRORS = 500;

interface CheckAnswer {
  verdict: 'reject' | 'hold' | 'flag' | 'clean';
  masked: string;
  hits: Array<HitSpan & { matched: string }>;
}

interface ImportAnswer {
  saved: number;
  errors: Array<{ line: number; problem: string; text: string }>;
}

/** The lexicon page's two forms: 检测文本 (also on its own page for every staff member) and 导入词表. */
export function initLexicon(): void {
  const check = document.querySelector<HTMLFormElement>('form[data-lexicon-check]');
  const result = document.querySelector<HTMLElement>('[data-check-result]');
  if (check && result) onSubmit(check, t.checking, t.textRequired, (text) => runCheck(text, result));
  const importForm = document.querySelector<HTMLFormElement>('form[data-lexicon-import]');
  const imported = document.querySelector<HTMLElement>('[data-import-result]');
  if (importForm && imported) {
    const action = importForm.querySelector<HTMLSelectElement>('select[name="defaultAction"]')!;
    onSubmit(importForm, t.importing, t.importRequired, (text) => runImport(text, action.value, imported));
  }
}

/** Sends the form's text to `work`; an empty text is pointed out before anything is sent. */
function onSubmit(form: HTMLFormElement, busy: string, required: string, work: (text: string) => Promise<void>): void {
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea[name="text"]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!textarea.value.trim()) {
      const line = form.querySelector<HTMLElement>('[data-error-for="text"]')!;
      line.textContent = required;
      line.hidden = false;
      textarea.setAttribute('aria-invalid', 'true');
      textarea.focus();
      return;
    }
    button.disabled = true;
    setStatus(form, busy, 'busy');
    try {
      await work(textarea.value);
      setStatus(form, '');
    } catch (error) {
      showError(form, error);
    } finally {
      button.disabled = false;
    }
  });
}

async function runCheck(text: string, result: HTMLElement): Promise<void> {
  const answer = await api<CheckAnswer>('POST', '/api/admin/lexicon/check', { text });
  result.replaceChildren(
    el('p', { class: `verdict verdict--${answer.verdict}` }, el('strong', {}, t.verdict), t.verdicts[answer.verdict]),
    ...(answer.hits.length === 0 ? [el('p', {}, t.noHits)] : [el('p', {}, t.marked), markedText(text, answer.hits), hitTable(text, answer.hits)]),
    ...(answer.masked !== text ? [el('p', {}, t.masked), el('p', { class: 'lexicon-text' }, answer.masked)] : []),
  );
}

/** The text with its hits in <mark>, built from text nodes only: whatever was pasted stays text. */
function markedText(text: string, hits: HitSpan[]): HTMLElement {
  const box = el('p', { class: 'lexicon-text' });
  for (const segment of hitSegments(text, hits)) {
    const strongest = strongestHit(segment.hits);
    if (!strongest) {
      box.append(segment.text);
      continue;
    }
    const title = [...new Set(segment.hits.map((h) => am.comments.hitTitle(h.term, t.actions[h.action])))].join('；');
    box.append(el('mark', { class: `hit hit--${strongest.action}`, title }, segment.text));
  }
  return box;
}

function hitTable(text: string, hits: CheckAnswer['hits']): HTMLElement {
  const head = el('tr', {}, ...[t.colMatched, t.colTerm, t.colAction, t.colPosition].map((name) => el('th', { scope: 'col' }, name)));
  const rows = hits.map((hit) => {
    const { from, to } = personRange(text, hit.start, hit.end);
    return el(
      'tr',
      {},
      el('td', { class: 'table__title' }, hit.matched),
      el('td', { 'data-label': t.colTerm }, hit.term),
      el('td', { 'data-label': t.colAction }, el('span', { class: `status action--${hit.action}` }, t.actions[hit.action])),
      el('td', { 'data-label': t.colPosition }, t.position(from, to)),
    );
  });
  return el('table', { class: 'table table--stack' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

async function runImport(text: string, defaultAction: string, result: HTMLElement): Promise<void> {
  const { saved, errors } = await api<ImportAnswer>('POST', '/api/admin/lexicon/import', { text, defaultAction });
  const parts: Node[] = [el('p', { class: 'notice notice--ok' }, t.imported(saved))];
  if (errors.length > 0) {
    const list = el('ul', { class: 'import-errors' });
    for (const e of errors.slice(0, LISTED_ERRORS)) list.append(el('li', {}, t.lineError(e.line, t.problems[e.problem] ?? e.problem, e.text.trim())));
    parts.push(el('div', { class: 'notice notice--warn' }, el('p', {}, t.importErrors(errors.length)), list));
    if (errors.length > LISTED_ERRORS) parts.push(el('p', {}, t.moreErrors(errors.length - LISTED_ERRORS)));
  }
  parts.push(el('p', {}, el('a', { class: 'button', href: '/admin/lexicon' }, t.reloadList)));
  result.replaceChildren(...parts);
}

/** A small element builder: attributes as given, children as nodes or text (never parsed as markup). */
function el(tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
