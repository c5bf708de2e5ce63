import { rankByReads } from '../content/index.js';
import type { Db } from '../db/database.js';
import { lastChinaDays, startOfChinaDay } from '../lib/china-time.js';
import { chinaWeekStart } from './china-days.js';
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
 * The newsroom's figures as of `now`. Reads come from site_daily_reads (one
 * row per day) and article_daily_reads (one row per article and day), never
 * from the articles themselves, so the cost grows with the days shown, not the site.
 */
export async function computeDashboard(db: Db, now: Date): Promise<DashboardFigures> {
  const days = lastChinaDays(now, DASHBOARD_DAYS);
  const since = startOfChinaDay(days[0]!);
  const [readsPerDay, topArticlesThisWeek, perEditor, moderation] = await Promise.all([
    sumReadsPerDay(db, days),
    listTopArticles(db, days.slice(-7)),
    countPublishedPerEditor(db, now),
    countModeration(db, { since, until: now }),
  ]);
  return { readsPerDay, topArticlesThisWeek, ...perEditor, moderation };
}

async function sumReadsPerDay(db: Db, days: string[]): Promise<DayReads[]> {
  const rows = await db.selectFrom('site_daily_reads').select(['day', 'reads']).where('day', '>=', days[0]!).execute();
  const byDay = new Map(rows.map((r) => [r.day, Number(r.reads)]));
  return days.map((day) => ({ day, reads: byDay.get(day) ?? 0 }));
}

/** The week's most read articles, every article counted, withdrawn ones too: the reads happened (see rankByReads). */
function listTopArticles(db: Db, days: string[]): Promise<ArticleReads[]> {
  return rankByReads(db, days, TOP_ARTICLES, (among) => sumWeek(db, days, among));
}

/** The TOP_ARTICLES most read on `days`, among `among` when given, ties by id. */
async function sumWeek(db: Db, days: readonly string[], among?: number[]): Promise<ArticleReads[]> {
  const rows = await db
    .selectFrom((eb) => {
      let week = eb
        .selectFrom('article_daily_reads')
        .select(['article_id', (s) => s.fn.sum<number | string>('reads').as('reads')])
        .where('day', '>=', days[0]!)
        .where('day', '<=', days.at(-1)!);
      if (among) week = week.where('article_id', 'in', among);
      return week.groupBy('article_id').orderBy('reads', 'desc').orderBy('article_id').limit(TOP_ARTICLES).as('top');
    })
    .innerJoin('articles', 'articles.id', 'top.article_id')
    .select(['top.article_id', 'top.reads', 'articles.title'])
    .orderBy('top.reads', 'desc')
    .orderBy('top.article_id')
    .execute();
  return rows.map((r) => ({ articleId: r.article_id, title: r.title, reads: Number(r.reads) }));
}

/** Published articles by writer (created_by: who wrote it, not who approved it) and Beijing week. */
async function countPublishedPerEditor(db: Db, now: Date): Promise<{ weeks: string[]; publishedPerEditor: EditorWeeks[] }> {
  const thisWeek = startOfChinaDay(chinaWeekStart(now)).getTime();
  const weeks = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => chinaWeekStart(new Date(thisWeek - (DASHBOARD_WEEKS - 1 - i) * 7 * 86_400_000 + 43_200_000)));
  // One count per week, grouped by writer, over the (status, published_at, created_by) index: the rows
  // themselves are never fetched, and the writers' names are looked up once, for the few writers there are.
  const bounds = [...weeks.map((week) => startOfChinaDay(week).toISOString()), now.toISOString()];
  const counts = await Promise.all(
    weeks.map((_, i) =>
      db
        .selectFrom('articles')
        .select(['created_by', (eb) => eb.fn.countAll<number | string>().as('published')])
        .where('status', '=', 'published')
        .where('published_at', '>=', bounds[i]!)
        .where('published_at', i === weeks.length - 1 ? '<=' : '<', bounds[i + 1]!)
        .groupBy('created_by')
        .execute(),
    ),
  );
  const editors = new Map<number | null, EditorWeeks>();
  counts.forEach((rows, week) => {
    for (const row of rows) {
      const editor = editors.get(row.created_by) ?? { userId: row.created_by, name: '', published: weeks.map(() => 0) };
      editor.published[week] = Number(row.published);
      editors.set(row.created_by, editor);
    }
  });
  const writerIds = [...editors.keys()].filter((id) => id !== null);
  const names = writerIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', writerIds).execute();
  for (const { id, display_name } of names) editors.get(id)!.name = display_name;
  const publishedPerEditor = [...editors.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return { weeks, publishedPerEditor };
}

const total = (editor: EditorWeeks) => editor.published.reduce((sum, n) => sum + n, 0);
