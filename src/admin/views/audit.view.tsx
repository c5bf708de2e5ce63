import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { FilterButtons, SelectField, TextField } from './form-fields.js';
import { Pagination, type PageLinks } from './pagination.js';

const t = am.audit;

export interface AuditRow {
  id: number;
  time: ShownTime;
  actor: string;
  where: string;
  action: string;
  /** An article by its title, linked; anything else by type and number. */
  target: { text: string; href?: string };
  details: string[];
}

export interface AuditPageProps {
  chrome: AdminChrome;
  filters: { action: string; targetType: string; targetId: string; since: string; until: string };
  rows: AuditRow[];
  pages: PageLinks;
  csvHref: string;
}

const TARGET_TYPE_OPTIONS = [{ value: '', label: t.anyTargetType }, ...Object.entries(t.targetTypes).map(([value, label]) => ({ value, label }))];
const ACTION_OPTIONS = [{ value: '', label: t.anyAction }, ...Object.entries(t.actions).map(([value, label]) => ({ value, label }))];

export function AuditPage({ chrome, filters, rows, pages, csvHref }: AuditPageProps) {
  return (
    <AdminLayout chrome={chrome} wide>
      <p>{t.intro}</p>
      <form class="filters" method="get" action="/admin/audit" role="search" aria-label={t.title}>
        <SelectField name="action" label={t.action} value={filters.action} options={ACTION_OPTIONS} />
        <SelectField name="targetType" label={t.targetType} value={filters.targetType} options={TARGET_TYPE_OPTIONS} />
        <TextField name="targetId" label={t.targetId} value={filters.targetId} maxLength={32} />
        <TextField name="since" label={t.since} value={filters.since} type="date" />
        <TextField name="until" label={t.until} value={filters.until} type="date" />
        <FilterButtons apply={t.apply} csvHref={csvHref} csvLabel={t.exportCsv} />
      </form>
      {rows.length === 0 ? (
        <p class="empty">{t.empty}</p>
      ) : (
        <table class="table table--stack">
          <thead>
            <tr>
              <th scope="col">{t.colTime}</th>
              <th scope="col">{t.colActor}</th>
              <th scope="col">{t.colIp}</th>
              <th scope="col">{t.colAction}</th>
              <th scope="col">{t.colTarget}</th>
              <th scope="col">{t.colDetails}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td class="table__title">
                  <Time time={row.time} />
                </td>
                <td data-label={t.colActor}>{row.actor}</td>
                <td data-label={t.colIp}>{row.where}</td>
                <td data-label={t.colAction}>{row.action}</td>
                <td data-label={t.colTarget}>{row.target.href ? <a href={row.target.href}>{row.target.text}</a> : row.target.text}</td>
                <td data-label={t.colDetails} class="table__details">
                  {row.details.length > 0 && (
                    <ul class="audit-details">
                      {row.details.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination links={pages} />
    </AdminLayout>
  );
}
