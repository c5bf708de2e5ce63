import { type ComponentChildren, jsx } from '../../lib/jsx.js';
import type { DashboardFigures, ModerationFigures } from '../../stats/index.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { BarChart, LineChart } from './charts.js';
import { FigureTable } from './figure-table.js';
import { sm } from './stats-messages.js';

const t = sm.dashboard;
const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

export interface DashboardPageProps {
  chrome: AdminChrome;
  figures: DashboardFigures;
  governanceHref: string;
}

export function DashboardPage({ chrome, figures, governanceHref }: DashboardPageProps) {
  return (
    <AdminLayout chrome={chrome} wide>
      <p>
        {t.intro(figures.readsPerDay.length)} <a href={governanceHref}>{t.governanceLink}</a>
      </p>
      <div class="dashboard">
        <ReadsPerDay figures={figures} />
        <TopArticles figures={figures} />
        <PublishedPerEditor figures={figures} />
        <CommentOutcomes moderation={figures.moderation} />
        <LexiconHits moderation={figures.moderation} />
        <Reports moderation={figures.moderation} />
      </div>
    </AdminLayout>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="dashboard__panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function ReadsPerDay({ figures }: { figures: DashboardFigures }) {
  const days = figures.readsPerDay;
  const best = days.reduce((top, d) => (d.reads > top.reads ? d : top), { day: '', reads: 0 });
  const desc = t.readsDesc(days.length, sum(days.map((d) => d.reads)), best.reads > 0 ? t.readsBest(best.day, best.reads) : '');
  return (
    <Panel id="reads" title={t.readsTitle}>
      <LineChart title={t.readsTitle} desc={desc} points={days.map((d) => ({ label: d.day.slice(5), value: d.reads }))} />
      <details>
        <summary>{desc}</summary>
        <FigureTable caption={t.readsTitle} head={[t.colDay, t.colReads]} rows={days.map((d) => [d.day, d.reads])} />
      </details>
    </Panel>
  );
}

function TopArticles({ figures }: { figures: DashboardFigures }) {
  const top = figures.topArticlesThisWeek;
  return (
    <Panel id="top" title={t.topTitle}>
      {top.length === 0 ? (
        <p class="empty">{t.topEmpty}</p>
      ) : (
        <FigureTable caption={t.topTitle} head={[t.colArticle, t.colReads]} rows={top.map((a) => [<a href={`/admin/articles/${a.articleId}/edit`}>{a.title}</a>, a.reads])} />
      )}
    </Panel>
  );
}

function PublishedPerEditor({ figures }: { figures: DashboardFigures }) {
  const { weeks, publishedPerEditor: editors } = figures;
  const perWeek = weeks.map((_, i) => sum(editors.map((e) => e.published[i] ?? 0)));
  const desc = t.publishedDesc(weeks.length, sum(perWeek));
  return (
    <Panel id="published" title={t.publishedTitle}>
      <BarChart title={t.publishedTitle} desc={desc} points={weeks.map((w, i) => ({ label: t.weekOf(w), value: perWeek[i]! }))} />
      {editors.length === 0 ? (
        <p class="empty">{t.publishedEmpty}</p>
      ) : (
        // Eight weeks are wider than a phone: the table scrolls, and a region with a name and a tab stop lets a keyboard scroll it too.
        <div class="table-scroll" role="region" aria-label={desc} tabIndex={0}>
          <FigureTable
            caption={desc}
            head={[t.colEditor, ...weeks.map(t.weekOf), t.colTotal]}
            rows={editors.map((e) => [e.userId === null ? t.noAccount : e.name, ...e.published, sum(e.published)])}
          />
        </div>
      )}
    </Panel>
  );
}

function CommentOutcomes({ moderation }: { moderation: ModerationFigures }) {
  const rows = (Object.keys(t.comments) as Array<keyof typeof t.comments>).map((key) => ({ label: t.comments[key], value: moderation.comments[key] }));
  return (
    <Panel id="comments" title={t.commentsTitle}>
      <BarChart title={t.commentsTitle} desc={t.commentsDesc(moderation.comments.received)} points={rows} />
      <FigureTable caption={t.commentsDesc(moderation.comments.received)} head={[t.colOutcome, t.colCount]} rows={rows.map((r) => [r.label, r.value])} />
    </Panel>
  );
}

/** Lexicon hits by term; also the governance report's section. */
export function LexiconHitsTable({ moderation, caption }: { moderation: ModerationFigures; caption: string }) {
  return moderation.lexiconHits.length === 0 ? (
    <p class="empty">{t.lexiconEmpty}</p>
  ) : (
    <FigureTable
      caption={caption}
      head={[t.colTerm, t.colAction, t.colHits]}
      rows={moderation.lexiconHits.map((h) => [h.term, (am.lexicon.actions as Record<string, string>)[h.action] ?? h.action, h.hits])}
    />
  );
}

function LexiconHits({ moderation }: { moderation: ModerationFigures }) {
  const hits = moderation.lexiconHits;
  return (
    <Panel id="lexicon" title={t.lexiconTitle}>
      {hits.length > 0 && <BarChart title={t.lexiconTitle} desc={hits.map((h) => `${h.term} ${h.hits}`).join('，')} points={hits.slice(0, 10).map((h) => ({ label: h.term, value: h.hits }))} />}
      <LexiconHitsTable moderation={moderation} caption={t.lexiconTitle} />
    </Panel>
  );
}

/** Report figures as rows; also the governance report's section. */
export function reportRows(moderation: ModerationFigures): Array<[string, string | number]> {
  const r = moderation.reports;
  return [
    [t.reports.received, r.received],
    [t.reports.handled, r.handled],
    [t.reports.open, r.open],
    [t.reports.average, t.minutes(r.averageMinutesToHandle)],
    [t.reports.median, t.minutes(r.medianMinutesToHandle)],
  ];
}

function Reports({ moderation }: { moderation: ModerationFigures }) {
  const r = moderation.reports;
  const points = [
    { label: t.reports.received, value: r.received },
    { label: t.reports.handled, value: r.handled },
    { label: t.reports.open, value: r.open },
  ];
  return (
    <Panel id="reports" title={t.reportsTitle}>
      <BarChart title={t.reportsTitle} desc={reportRows(moderation).map(([k, v]) => `${k} ${v}`).join('，')} points={points} />
      <FigureTable caption={t.reportsTitle} head={[sm.governance.colItem, sm.governance.colValue]} rows={reportRows(moderation)} />
    </Panel>
  );
}
