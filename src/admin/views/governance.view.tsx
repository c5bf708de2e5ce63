import { jsx } from '../../lib/jsx.js';
import type { GovernanceReport } from '../../stats/index.js';
import { AdminLayout } from './admin-layout.js';
import type { AdminChrome } from './admin-model.js';
import { LexiconHitsTable, reportRows } from './dashboard.view.js';
import { FigureTable } from './figure-table.js';
import { FilterButtons, TextField } from './form-fields.js';
import { sm } from './stats-messages.js';

const t = sm.governance;

/** The governance report's figures as (section, item, value) rows: the page's tables and the CSV. */
export function governanceRows(report: GovernanceReport): Array<[string, string, string | number]> {
  const c = report.moderation.comments;
  const d = sm.dashboard.comments;
  return [
    ...([
      [d.received, c.received],
      [d.published, c.published],
      [d.held, c.held],
      [d.rejected, c.rejected],
      [d.deleted, c.deleted],
    ] as const).map(([item, value]): [string, string, number] => [t.sectionComments, item, value]),
    ...reportRows(report.moderation).map(([item, value]): [string, string, string | number] => [t.sectionReports, item, value]),
    [t.sectionArticles, t.articles.approved, report.articles.approved],
    [t.sectionArticles, t.articles.rejected, report.articles.rejected],
    [t.sectionArticles, t.articles.withdrawn, report.articles.withdrawn],
    [t.sectionArticles, t.readersBanned, report.readersBanned],
  ];
}

export interface GovernancePageProps {
  chrome: AdminChrome;
  report: GovernanceReport;
  csvHref: string;
}

export function GovernancePage({ chrome, report, csvHref }: GovernancePageProps) {
  const rows = governanceRows(report);
  const section = (name: string) => rows.filter((r) => r[0] === name).map(([, item, value]) => [item, value]);
  return (
    <AdminLayout chrome={chrome} wide>
      <p class="no-print">{t.intro}</p>
      <form class="filters no-print" method="get" action="/admin/reports/governance">
        <TextField name="month" label={t.month} value={report.month} type="month" />
        <FilterButtons apply={t.show} csvHref={csvHref} csvLabel={t.exportCsv} />
      </form>
      <h2 class="print-only">{t.title(report.month)}</h2>
      {[t.sectionComments, t.sectionReports, t.sectionArticles].map((name) => (
        <section key={name} class="report-section">
          <h2>{name}</h2>
          <FigureTable caption={`${t.title(report.month)}：${name}`} head={[t.colItem, t.colValue]} rows={section(name)} />
        </section>
      ))}
      <section class="report-section">
        <h2>{t.sectionLexicon}</h2>
        <LexiconHitsTable moderation={report.moderation} caption={`${t.title(report.month)}：${t.sectionLexicon}`} />
      </section>
    </AdminLayout>
  );
}
