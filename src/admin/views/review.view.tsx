import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { AskDialog } from './form-fields.js';

const r = am.review;

export interface QueueRow {
  id: number;
  title: string;
  category: string;
  level: string;
  submittedBy: string;
  submittedAt: ShownTime;
}

/** /admin/review: what waits for this reviewer, one tap to start. */
export function ReviewQueuePage({ chrome, rows }: { chrome: AdminChrome; rows: QueueRow[] }) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{rows.length === 0 ? r.empty : r.intro}</p>
      <ol class="review-queue">
        {rows.map((row) => (
          <li key={row.id} class="review-queue__item">
            <a href={`/admin/review/${row.id}`} class="review-queue__link">
              <span class="review-queue__title">{row.title}</span>
              <span class="review-queue__meta">
                <span class="status status--pending">{row.level}</span> {row.category} · {row.submittedBy} · <Time time={row.submittedAt} />
              </span>
            </a>
          </li>
        ))}
      </ol>
    </AdminLayout>
  );
}

export interface ReviewArticleProps {
  chrome: AdminChrome;
  article: { id: number; title: string; version: number };
  level: string;
  position: string;
  checks: string[];
  /** Why the workflow would refuse this person's approval (their own article, or edited by them), or undefined. */
  barred: string | undefined;
  approveLabel: string;
  /** Where to go once decided: the next article in the queue, or the queue. */
  next: string;
}

/**
 * /admin/review/:id: the article framed as the reader will see it (its own
 * page, /a/:id, which shows staff the preview banner), the checks above it,
 * and the decision in a bar fixed to the bottom, in reach of a thumb.
 */
export function ReviewArticlePage(props: ReviewArticleProps) {
  return (
    <AdminLayout chrome={props.chrome} wide>
      <p class="review-head">
        <span class="status status--pending">{props.level}</span> {props.position}
      </p>
      <section class="panel review-checks" aria-labelledby="review-checks-title">
        <h2 id="review-checks-title" class="panel__title">
          {r.checks}
        </h2>
        {props.checks.length === 0 ? (
          <p>{r.noChecks}</p>
        ) : (
          <ul class="warnings">
            {props.checks.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        )}
        {props.barred && <p class="notice notice--warn">{props.barred}</p>}
      </section>
      <iframe class="review-frame" src={`/a/${props.article.id}`} title={`${r.preview}：${props.article.title}`} />
      <div class="review-bar" role="group" aria-label={r.bar} data-review data-article-id={props.article.id} data-version={props.article.version} data-next={props.next}>
        {!props.barred && (
          <button type="button" class="button button--primary" data-review-decision="published">
            {props.approveLabel}
          </button>
        )}
        <button type="button" class="button" data-review-decision="rejected" data-reason-title={am.transitions.rejectTitle} data-reason-label={am.transitions.rejectLabel}>
          {r.reject}
        </button>
        <a class="button button--quiet" href={`/admin/articles/${props.article.id}/edit`}>
          {r.edit}
        </a>
        <p class="review-bar__status" role="status" aria-live="polite" data-review-status />
      </div>
      <AskDialog />
    </AdminLayout>
  );
}
