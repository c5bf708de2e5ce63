import { am } from '../views/admin-messages.js';
import { api, ApiError, messageOf } from './api.js';
import { askText } from './dialogs.js';
import { trackSelection } from './selection.js';

type Target = 'published' | 'rejected' | 'deleted';

const t = am.comments;
const REASON_MAX = 200;

/**
 * The moderation queue's buttons: one comment's 通过 / 拒绝 / 删除 / 禁言, and
 * the batch bar for every ticked comment. After a change the page reloads
 * with a line saying what was done, so the queue and the header's count are
 * the server's again.
 */
export function initCommentModeration(): void {
  const root = document.querySelector<HTMLElement>('[data-moderation]');
  if (!root) return;
  const status = root.querySelector<HTMLElement>('[data-batch-status]')!;
  const ticked = trackSelection(root, '[data-comment-id]', t.selected);

  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  /** Every button waits while a change is sent; not while a question is open, so focus can go back to the one pressed. */
  // What happened is said where the button was pressed: in the batch bar, or under the comment's own buttons.
  const run = async (button: HTMLButtonElement, line: HTMLElement, work: (sending: () => void) => Promise<string | undefined>) => {
    for (const l of root.querySelectorAll<HTMLElement>('[data-batch-status], [data-row-status]')) l.textContent = '';
    const sending = () => {
      buttons.forEach((b) => (b.disabled = true));
      line.dataset.kind = 'busy';
      line.textContent = t.busy;
    };
    try {
      const next = await work(sending);
      if (next) location.assign(next);
    } catch (error) {
      buttons.forEach((b) => (b.disabled = false));
      showProblem(line, describeFailure(error));
      button.focus();
    }
  };

  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-batch]')) {
    button.addEventListener('click', () => {
      const to = button.dataset.batch as Target;
      const items = ticked();
      if (items.length === 0) return showProblem(status, t.noneSelected);
      // A tab can mix statuses (被举报, 已标记): only the comments that can make this move are sent.
      const ids = items.filter((item) => targetsOf(item).includes(to)).map((item) => Number(item.dataset.commentId));
      if (ids.length === 0) return showProblem(status, t.noneEligible);
      void run(button, status, (sending) => moderate(ids, to, sending));
    });
  }

  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-moderate], button[data-ban]');
    const item = button?.closest<HTMLElement>('[data-comment-id]');
    if (!button || !item) return;
    const line = item.querySelector<HTMLElement>('[data-row-status]')!;
    if (button.dataset.moderate) void run(button, line, (sending) => moderate([Number(item.dataset.commentId)], button.dataset.moderate as Target, sending));
    else void run(button, line, (sending) => ban(Number(item.dataset.readerId), item.dataset.nickname ?? '', sending));
  });
}

const targetsOf = (item: HTMLElement) => (item.dataset.targets ?? '').split(' ');

function showProblem(status: HTMLElement, text: string): void {
  status.dataset.kind = 'error';
  status.textContent = text;
}

/** A comment another moderator moved meanwhile answers 404 or 409: the page is out of date, and a refresh shows why. */
function describeFailure(error: unknown): string {
  const message = messageOf(error);
  return error instanceof ApiError && (error.status === 404 || error.status === 409) ? `${message}${t.stale}` : message;
}

/** Asks what each move needs (a reason, a confirmation), sends it, and returns where to go next; undefined when cancelled. */
async function moderate(ids: number[], to: Target, sending: () => void): Promise<string | undefined> {
  let reason: string | undefined;
  if (to === 'rejected') {
    const answer = await askText({ title: t.rejectTitle, label: t.rejectLabel, check: (text) => (text.length > REASON_MAX ? t.reasonTooLong : undefined) });
    if (answer === null) return undefined;
    reason = answer || undefined;
  }
  if (to === 'deleted' && !confirm(t.confirmDelete(ids.length))) return undefined;
  sending();
  const { moved } = await api<{ moved: number[] }>('POST', '/api/admin/comments/transitions', { ids, to, ...(reason ? { reason } : {}) });
  return afterAction(to, moved.length);
}

async function ban(readerId: number, nickname: string, sending: () => void): Promise<string | undefined> {
  const reason = await askText({
    title: t.banTitle(nickname),
    label: t.banLabel,
    check: (text) => (!text ? am.dialog.required : text.length > REASON_MAX ? t.reasonTooLong : undefined),
  });
  if (reason === null) return undefined;
  sending();
  await api('POST', `/api/admin/readers/${readerId}/ban`, { reason });
  return afterAction('ban', 1);
}

/** The same tab and page, with what was done for the notice. */
function afterAction(done: Target | 'ban', n: number): string {
  const url = new URL(location.href);
  url.searchParams.set('done', done);
  url.searchParams.set('n', String(n));
  return url.pathname + url.search;
}
