import type { DiffPart, DiffRow, RevisionChange } from '../../content/index.js';
import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';
import type { ArticleDraft } from './article-draft.js';
import { beijingChineseDateTime } from './field-types.js';
import { markedText, renderDiffRows } from './revision-compare.js';

interface Revision {
  id: number;
  title: string;
  editorName: string | null;
  change: RevisionChange;
  createdAt: string;
}

interface Change {
  at: string;
  actor: string;
  action: string;
  details: string[];
}

const t = am.revisions;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), { className, textContent: text });
}

function button(label: string, spoken: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(element('button', 'button button--small', label), { type: 'button' });
  b.setAttribute('aria-label', spoken);
  b.addEventListener('click', onClick);
  return b;
}

/** A time as <time>, written in Chinese whatever the browser's language. */
function timeOf(iso: string): HTMLTimeElement {
  const time = element('time', '', beijingChineseDateTime(iso));
  time.dateTime = iso;
  return time;
}

/** Each change since the revision, from the audit log: when, who, what, and the fields old → new. */
function renderChanges(target: HTMLElement, changes: Change[]): void {
  if (changes.length === 0) return void target.replaceChildren(element('p', 'field__hint', t.noChangesSince));
  const list = element('ol', 'revision-changes');
  // A long record scrolls inside its box: focusable and named, so it scrolls by keyboard too.
  list.tabIndex = 0;
  list.setAttribute('aria-label', t.changesSince);
  for (const change of changes) {
    const item = element('li', '');
    const head = element('p', 'revision__meta');
    head.append(timeOf(change.at), ` · ${change.actor} · ${change.action}`);
    item.append(head);
    if (change.details.length > 0) {
      const details = element('ul', 'revision-changes__details');
      details.append(...change.details.map((line) => element('li', '', line)));
      item.append(details);
    }
    list.append(item);
  }
  target.replaceChildren(list);
}

/**
 * The 修订历史 panel: loaded when first opened, a list of versions with who
 * made each, when, and what it changed. 比较 opens the version beside the
 * current one, block by block, with every change since from the audit log;
 * 恢复 brings its title and body back (as a new revision, so nothing is lost)
 * after saving what is on the screen.
 */
export function initRevisions(panel: HTMLDetailsElement, draft: ArticleDraft, editable: boolean): void {
  const list = panel.querySelector<HTMLElement>('[data-revision-list]')!;
  const dialog = document.querySelector<HTMLDialogElement>('#diff-dialog')!;
  dialog.querySelector('[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());

  const compare = async (revision: Revision) => {
    try {
      const diff = await api<{ title: DiffPart[]; rows: DiffRow[]; changes: Change[] }>('GET', `/api/admin/articles/${draft.id}/revisions/${revision.id}/diff`);
      dialog.querySelector<HTMLElement>('[data-diff-title]')!.replaceChildren(...markedText(diff.title));
      renderDiffRows(dialog.querySelector<HTMLElement>('[data-diff-body]')!, diff.rows, t.beforeColumn(beijingChineseDateTime(revision.createdAt)));
      renderChanges(dialog.querySelector<HTMLElement>('[data-diff-changes]')!, diff.changes);
      dialog.showModal();
    } catch (error) {
      alert(messageOf(error));
    }
  };
  const restore = async (revision: Revision) => {
    if (!confirm(t.restoreConfirm)) return;
    try {
      if (draft.dirty && !(await draft.save())) return;
      await api('POST', `/api/admin/articles/${draft.id}/revisions/${revision.id}/restore`);
      location.reload();
    } catch (error) {
      alert(messageOf(error));
    }
  };

  const item = (revision: Revision) => {
    const when = beijingChineseDateTime(revision.createdAt);
    const li = element('li', 'revision');
    const kind = element('span', `revision__kind revision__kind--${revision.change}`, t.changeKinds[revision.change]);
    const meta = element('p', 'revision__meta');
    meta.append(timeOf(revision.createdAt), ` · ${revision.editorName ?? t.unknownEditor}`);
    const actions = element('div', 'button-row');
    actions.append(button(t.compare, t.compareLabel(when), () => void compare(revision)));
    if (editable) actions.append(button(t.restore, t.restoreLabel(when), () => void restore(revision)));
    li.append(kind, meta, element('p', 'revision__title', revision.title), actions);
    return li;
  };

  const load = async () => {
    if (!draft.id) return void (list.textContent = t.empty);
    try {
      const { revisions } = await api<{ revisions: Revision[] }>('GET', `/api/admin/articles/${draft.id}/revisions`);
      if (revisions.length === 0) return void (list.textContent = t.empty);
      const ol = element('ol', 'revisions');
      ol.append(...revisions.map(item));
      list.replaceChildren(element('p', 'field__hint', t.count(revisions.length)), ol);
    } catch (error) {
      list.textContent = messageOf(error);
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open) void load();
  });
}
