import { jsx } from '../../lib/jsx.js';
import type { ReportReason } from '../../reports/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';

const t = am.articleReports;

export interface ArticleReportRow {
  id: number;
  articleId: number;
  articleTitle: string;
  reason: ReportReason;
  note: string | null;
  readerNickname: string | null;
  time: ShownTime;
}

/** Open reports of articles; 标记已处理 goes through the JSON API (data-api-call, see client/api-forms.ts). */
export function ArticleReportsPage({ chrome, rows }: { chrome: AdminChrome; rows: ArticleReportRow[] }) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{t.intro}</p>
      {rows.length === 0 ? (
        <p class="empty">{t.empty}</p>
      ) : (
        <ul class="queue">
          {rows.map((row) => (
            <li key={row.id} class="card queue-item">
              <p class="queue-item__meta">
                <strong>{t.reasons[row.reason]}</strong> <span>{t.reporter(row.readerNickname)}</span> <Time time={row.time} />
              </p>
              <p class="queue-item__article">
                {t.article}
                <a href={`/admin/articles/${row.articleId}`}>{row.articleTitle}</a>
              </p>
              {row.note && (
                <p class="queue-item__body">
                  {t.note}
                  {row.note}
                </p>
              )}
              <div class="button-row">
                <button type="button" class="button button--small button--primary" data-api-call data-method="POST" data-url={`/api/admin/article-reports/${row.id}/resolve`}>
                  {t.resolve}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
