import type { Db } from '../db/database.js';
import { chinaDayStart, chinaWeekStart, lastChinaDays } from './china-days.js';
import { countModeration, type ModerationFigures } from './moderation-figures.js';

export const DASHBOARD_DAYS = 30;
export const DASHBOARD_WEEKS = 8;
const TOP_ARTICLES = 10;

export interface DayReads {
  /** A Beijing day, YYYY-MM-DD. */
  day: string;
  reads: number;
}

export interface ArticleReads {
  articleId: number;
  title: string;
  reads: number;
}

export interface EditorWeeks {
  /** The writer's staff account; null for articles whose account was deleted. */
  userId: number | null;
  name: string;
  /** Articles published in each of `weeks`, in the same order. */
  published: number[];
}

export interface DashboardFigures {
  /** The last 30 Beijing days, oldest first, with 0 for days nobody read. */
  readsPerDay: DayReads[];
  /** The most read articles over the last 7 Beijing days, today included. */
  topArticlesThisWeek: ArticleReads[];
  /** The Mondays starting the last 8 weeks, oldest first. */
  weeks: string[];
  publishedPerEditor: EditorWeeks[];
  /** Comments, lexicon hits and reports over the last 30 days. */
  moderation: ModerationFigures;
}

/**
 * The newsroom's figures as of `now`. Reads come from article_daily_reads
 * (one row per article and day, summed over an index), never from the
 * articles themselves, so the cost grows with the days shown, not the site.
 */
export async function computeDashboard(db: Db, now: Date): Promise<DashboardFigures> {
  const days = lastChinaDays(now, DASHBOARD_DAYS);
  const since = chinaDayStart(days[0]!);
  const [readsPerDay, topArticlesThisWeek, perEditor, moderation] = await Promise.all([
    sumReadsPerDay(db, days),
    listTopArticles(db, days.slice(-7)[0]!),
    countPublishedPerEditor(db, now),
    countModeration(db, { since, until: now }),
  ]);
  return { readsPerDay, topArticlesThisWeek, ...perEditor, moderation };
}

async function sumReadsPerDay(db: Db, days: string[]): Promise<DayReads[]> {
  const rows = await db
    .selectFrom('article_daily_reads')
    .select(['day', (eb) => eb.fn.sum<number | string>('reads').as('reads')])
    .where('day', '>=', days[0]!)
    .groupBy('day')
    .execute();
  const byDay = new Map(rows.map((r) => [r.day, Number(r.reads)]));
  return days.map((day) => ({ day, reads: byDay.get(day) ?? 0 }));
}

async function listTopArticles(db: Db, firstDay: string): Promise<ArticleReads[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('article_daily_reads')
        .select(['article_id', (s) => s.fn.sum<number | string>('reads').as('reads')])
        .where('day', '>=', firstDay)
        .groupBy('article_id')
        .orderBy('reads', 'desc')
        .orderBy('article_id')
        .limit(TOP_ARTICLES)
        .as('top'),
    )
    .innerJoin('articles', 'articles.id', 'top.article_id')
    .select(['top.article_id', 'top.reads', 'articles.title'])
    .orderBy('top.reads', 'desc')
    .orderBy('top.article_id')
    .execute();
  return rows.map((r) => ({ articleId: r.article_id, title: r.title, reads: Number(r.reads) }));
}

/** Published articles by writer (created_by: who wrote it, not who approved it) and Beijing week. */
async function countPublishedPerEditor(db: Db, now: Date): Promise<{ weeks: string[]; publishedPerEditor: EditorWeeks[] }> {
  const thisWeek = chinaDayStart(chinaWeekStart(now)).getTime();
  const weeks = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => chinaWeekStart(new Date(thisWeek - (DASHBOARD_WEEKS - 1 - i) * 7 * 86_400_000 + 43_200_000)));
  // One count per week, grouped by writer, over the (status, published_at) index: the rows themselves are never
  // fetched, so a busy newsroom's eight weeks cost eight index ranges, not thousands of rows.
  const bounds = [...weeks.map((week) => chinaDayStart(week).toISOString()), now.toISOString()];
  const counts = await Promise.all(
    weeks.map((_, i) =>
      db
        .selectFrom('articles')
        .leftJoin('users', 'users.id', 'articles.created_by')
        .select(['articles.created_by', 'users.display_name', (eb) => eb.fn.countAll<number | string>().as('published')])
        .where('articles.status', '=', 'published')
        .where('articles.published_at', '>=', bounds[i]!)
        .where('articles.published_at', i === weeks.length - 1 ? '<=' : '<', bounds[i + 1]!)
        .groupBy(['articles.created_by', 'users.display_name'])
        .execute(),
    ),
  );
  const editors = new Map<number | null, EditorWeeks>();
  counts.forEach((rows, week) => {
    for (const row of rows) {
      const editor = editors.get(row.created_by) ?? { userId: row.created_by, name: row.display_name ?? '', published: weeks.map(() => 0) };
      editor.published[week] = Number(row.published);
      editors.set(row.created_by, editor);
    }
  });
  const publishedPerEditor = [...editors.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return { weeks, publishedPerEditor };
}

const total = (editor: EditorWeeks) => editor.published.reduce((sum, n) => sum + n, 0);
