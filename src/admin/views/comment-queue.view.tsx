import type { CommentStatus, ModerationTarget, QueueName } from '../../comments/index.js';
import { jsx } from '../../lib/jsx.js';
import type { HitAction } from '../../text/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { BatchBar } from './batch-bar.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { AskDialog } from './form-fields.js';
import { HighlightedText } from './highlighted-text.js';
import type { TextSegment } from './hit-segments.js';
import { Pagination, type PageLinks } from './pagination.js';

const t = am.comments;

export interface QueueRow {
  id: number;
  readerId: number;
  nickname: string;
  replyToNickname: string | null;
  /** The body cut at the lexicon's hits, to be shown escaped with the hits marked. */
  body: TextSegment[];
  /** Each distinct hit once, for phones, where a highlight's tooltip cannot be seen. */
  hits: Array<{ matched: string; action: HitAction }>;
  articleId: number;
  articleTitle: string;
  ipRegion: string | null;
  time: ShownTime;
  status: CommentStatus;
  flagged: boolean;
  reportCount: number;
  targets: ModerationTarget[];
}

export interface CommentQueueProps {
  chrome: AdminChrome;
  queue: QueueName;
  tabs: Array<{ queue: QueueName; href: string; current: boolean }>;
  rows: QueueRow[];
  pages: PageLinks;
  /** What the last action did, shown once after the page reloads. */
  notice: string | undefined;
}

export function CommentQueuePage(props: CommentQueueProps) {
  return (
    <AdminLayout chrome={props.chrome} wide>
      <p>{t.intro}</p>
      {props.notice && (
        <p class="notice notice--ok" role="status">
          {props.notice}
        </p>
      )}
      <nav class="tabs" aria-label={t.tabs}>
        <ul>
          {props.tabs.map((tab) => (
            <li key={tab.queue}>
              <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
                {t.queues[tab.queue]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p class="empty">{t.empty[props.queue]}</p>
      ) : (
        <div class="moderation" data-moderation>
          <CommentBatchBar />
          <ul class="queue">
            {props.rows.map((row) => (
              <QueueItem key={row.id} row={row} />
            ))}
          </ul>
        </div>
      )}
      <Pagination links={props.pages} />
      <AskDialog />
    </AdminLayout>
  );
}

/** Select-all and the buttons that act on every ticked comment. */
function CommentBatchBar() {
  return (
    <BatchBar label={t.batch} selectAll={t.selectAll} noneSelected={t.selected(0)}>
      <button type="button" class="button button--primary" data-batch="published">
        {t.approveSelected}
      </button>
      <button type="button" class="button" data-batch="rejected">
        {t.rejectSelected}
      </button>
      <button type="button" class="button button--danger" data-batch="deleted">
        {t.deleteSelected}
      </button>
    </BatchBar>
  );
}

const ACTION_BUTTONS: Array<{ to: ModerationTarget; label: string; className: string }> = [
  { to: 'published', label: t.approve, className: 'button button--small button--primary' },
  { to: 'rejected', label: t.reject, className: 'button button--small' },
  { to: 'deleted', label: t.delete, className: 'button button--small button--danger' },
];

function QueueItem({ row }: { row: QueueRow }) {
  const bodyId = `c${row.id}-body`;
  return (
    <li class="card queue-item" data-comment-id={row.id} data-reader-id={row.readerId} data-nickname={row.nickname} data-targets={row.targets.join(' ')}>
      <div class="queue-item__head">
        <div class="field--check">
          <input type="checkbox" id={`c${row.id}-select`} data-select value={row.id} aria-describedby={bodyId} />
          <label for={`c${row.id}-select`}>
            <span class="visually-hidden">{t.selectOne(row.nickname)}</span>
            <strong class="queue-item__author" aria-hidden="true">
              {row.nickname}
            </strong>
          </label>
        </div>
        <span class="queue-item__meta">
          <span>{t.ipRegion(row.ipRegion ?? t.unknownRegion)}</span>
          <Time time={row.time} />
          <span class={`status status--${row.status}`}>{t.statuses[row.status]}</span>
          {row.flagged && <span class="status status--flagged">{t.flagged}</span>}
          {row.reportCount > 0 && <span class="status status--rejected">{t.reports(row.reportCount)}</span>}
        </span>
      </div>
      <p class="queue-item__body" id={bodyId}>
        {row.replyToNickname && <span class="queue-item__reply-to">{t.replyTo(row.replyToNickname)}</span>}
        <HighlightedText segments={row.body} />
      </p>
      {row.hits.length > 0 && (
        <p class="queue-item__hits">
          {t.hits}
          {row.hits.map((h) => t.hitLabel(h.matched, am.lexicon.actions[h.action])).join('、')}
        </p>
      )}
      <p class="queue-item__article">
        {t.article}
        <a href={`/a/${row.articleId}`} target="_blank" rel="noopener" aria-label={t.articleLink(row.articleTitle)}>
          {row.articleTitle}
        </a>
      </p>
      <div class="button-row" role="group" aria-label={t.actionsFor(row.nickname)}>
        {ACTION_BUTTONS.filter((b) => row.targets.includes(b.to)).map((b) => (
          <button key={b.to} type="button" class={b.className} data-moderate={b.to}>
            {b.label}
          </button>
        ))}
        <button type="button" class="button button--small button--quiet" data-ban>
          {t.ban}
        </button>
      </div>
      <p class="form-status" role="status" aria-live="polite" data-row-status />
    </li>
  );
}
