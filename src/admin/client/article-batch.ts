import { am } from '../views/admin-messages.js';
import { api, ApiError, messageOf } from './api.js';
import { askText } from './dialogs.js';
import { trackSelection } from './selection.js';

const t = am.list;
const REASON_MAX = 500;

interface Refusal {
  id: number;
  title: string | null;
  message: string;
}

/**
 * The article list's batch bar: 通过, 下架 with one reason, 移到栏目, the
 * 头条/推荐/置顶 marks and 删除草稿 for every ticked article. The server does
 * all or none; when it refuses, the bar lists each article in the way and
 * why. After a change the page reloads with a line saying how many moved.
 */
export function initArticleBatch(): void {
  const root = document.querySelector<HTMLElement>('[data-article-batch]');
  if (!root?.querySelector('[data-select-all]')) return;
  const status = root.querySelector<HTMLElement>('[data-batch-status]')!;
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-batch]')];
  const ticked = trackSelection(root, '[data-article-id]', t.selected);

  for (const button of buttons) {
    button.addEventListener('click', async () => {
      const rows = ticked();
      if (rows.length === 0) return say(status, 'error', t.noneSelected);
      const request = await requestFor(button.dataset.batch!, rows, root);
      if (!request) return;
      buttons.forEach((b) => (b.disabled = true));
      say(status, 'busy', t.busy);
      try {
        const answer = await api<Record<string, unknown[]>>(request.method, request.url, request.body);
        const url = new URL(location.href);
        url.searchParams.set('done', String(Object.values(answer)[0]?.length ?? rows.length));
        location.assign(url.pathname + url.search);
      } catch (error) {
        buttons.forEach((b) => (b.disabled = false));
        showFailure(status, error);
        button.focus();
      }
    });
  }
}

/** What the button asks of the server, after asking the person what it needs (a reason, a choice, a confirmation); undefined when they cancel. */
async function requestFor(action: string, rows: HTMLElement[], root: HTMLElement): Promise<{ method: string; url: string; body: object } | undefined> {
  const ids = rows.map((row) => Number(row.dataset.articleId));
  const status = root.querySelector<HTMLElement>('[data-batch-status]')!;
  switch (action) {
    case 'approve':
      return { method: 'POST', url: '/api/admin/articles/transitions', body: { ids, to: 'published', versions: Object.fromEntries(rows.map((row) => [row.dataset.articleId, Number(row.dataset.version)])) } };
    case 'withdraw': {
      const reason = await askText({
        title: t.withdrawTitle(ids.length),
        label: t.withdrawLabel,
        check: (text) => (!text ? am.dialog.required : text.length > REASON_MAX ? t.reasonTooLong : undefined),
      });
      return reason === null ? undefined : { method: 'POST', url: '/api/admin/articles/transitions', body: { ids, to: 'withdrawn', reason } };
    }
    case 'move': {
      const categoryId = Number(root.querySelector<HTMLSelectElement>('[data-batch-category]')!.value);
      if (!categoryId) return void say(status, 'error', t.chooseFirst);
      return { method: 'PATCH', url: '/api/admin/articles', body: { ids, change: { categoryId } } };
    }
    case 'mark': {
      const [mark, on] = root.querySelector<HTMLSelectElement>('[data-batch-mark]')!.value.split(':');
      if (!mark) return void say(status, 'error', t.chooseFirst);
      return { method: 'PATCH', url: '/api/admin/articles', body: { ids, change: { flags: { [mark]: on === '1' } } } };
    }
    case 'delete':
      return confirm(t.confirmDelete(ids.length)) ? { method: 'POST', url: '/api/admin/articles/deletions', body: { ids } } : undefined;
    default:
      return undefined;
  }
}

function say(status: HTMLElement, kind: 'error' | 'busy', text: string): void {
  status.dataset.kind = kind;
  status.textContent = text;
}

/** A refused batch lists every article in the way, by title, with the reason; anything else is one line. */
function showFailure(status: HTMLElement, error: unknown): void {
  const refused = error instanceof ApiError ? (error.details?.refused as Refusal[] | undefined) : undefined;
  say(status, 'error', refused ? t.refused : messageOf(error));
  if (!refused) return;
  const list = document.createElement('ul');
  for (const item of refused) {
    const line = document.createElement('li');
    line.textContent = `${item.title ? `「${item.title}」` : `#${item.id}`}：${item.message}`;
    list.append(line);
  }
  status.append(list);
}
