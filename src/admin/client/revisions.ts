import type { DiffPart } from '../../content/index.js';
import { am } from '../views/admin-messages.js';
import { api, messageOf } from './api.js';
import type { ArticleDraft } from './article-draft.js';
import { beijingDateTime } from './field-types.js';

interface Revision {
  id: number;
  title: string;
  editorId: number | null;
  createdAt: string;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(document.createElement('button'), { type: 'button', className: 'button button--small', textContent: label });
  b.addEventListener('click', onClick);
  return b;
}

/** Added text in <ins>, removed in <del>, each with a spoken word, since screen readers do not announce the tags. */
function renderDiff(target: HTMLElement, parts: DiffPart[]): void {
  target.replaceChildren(
    ...parts.map((part) => {
      if (part.kind === 'same') return document.createTextNode(part.text);
      const mark = document.createElement(part.kind === 'added' ? 'ins' : 'del');
      const spoken = Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: part.kind === 'added' ? '新增：' : '删除：' });
      mark.append(spoken, part.text);
      return mark;
    }),
  );
}

/**
 * The 修订历史 panel: loaded when first opened. 比较 shows what changed
 * since a revision; 恢复 brings its title and body back (as a new revision,
 * so nothing is lost) after saving what is on the screen.
 */
export function initRevisions(panel: HTMLDetailsElement, draft: ArticleDraft, editable: boolean): void {
  const list = panel.querySelector<HTMLElement>('[data-revision-list]')!;
  const editors = JSON.parse(panel.dataset.editors ?? '{}') as Record<string, string>;
  const dialog = document.querySelector<HTMLDialogElement>('#diff-dialog')!;
  dialog.querySelector('[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());

  const compare = async (revision: Revision) => {
    try {
      const diff = await api<{ title: DiffPart[]; body: DiffPart[] }>('GET', `/api/admin/articles/${draft.id}/revisions/${revision.id}/diff`);
      renderDiff(dialog.querySelector<HTMLElement>('[data-diff-title]')!, diff.title);
      renderDiff(dialog.querySelector<HTMLElement>('[data-diff-body]')!, diff.body);
      dialog.showModal();
    } catch (error) {
      alert(messageOf(error));
    }
  };
  const restore = async (revision: Revision) => {
    if (!confirm(am.revisions.restoreConfirm)) return;
    try {
      if (draft.dirty && !(await draft.save())) return;
      await api('POST', `/api/admin/articles/${draft.id}/revisions/${revision.id}/restore`);
      location.reload();
    } catch (error) {
      alert(messageOf(error));
    }
  };

  const load = async () => {
    if (!draft.id) return void (list.textContent = am.revisions.empty);
    try {
      const { revisions } = await api<{ revisions: Revision[] }>('GET', `/api/admin/articles/${draft.id}/revisions`);
      if (revisions.length === 0) return void (list.textContent = am.revisions.empty);
      const items = revisions.map((r) => {
        const item = document.createElement('li');
        const who = (r.editorId !== null && editors[r.editorId]) || am.revisions.unknownEditor;
        const meta = Object.assign(document.createElement('span'), { className: 'revision__meta', textContent: am.revisions.by(who, beijingDateTime(r.createdAt)) });
        const title = Object.assign(document.createElement('span'), { className: 'revision__title', textContent: r.title });
        item.append(meta, title, button(am.revisions.compare, () => void compare(r)));
        if (editable) item.append(button(am.revisions.restore, () => void restore(r)));
        return item;
      });
      list.replaceChildren(Object.assign(document.createElement('ol'), { className: 'revisions' }));
      list.firstElementChild!.append(...items);
    } catch (error) {
      list.textContent = messageOf(error);
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open) void load();
  });
}
