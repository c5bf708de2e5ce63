import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';

/** A span of time, start included and end excluded. */
export interface TimeRange {
  since: Date;
  until: Date;
}

/** Comments written in the range, by where they stand now. */
export interface CommentFigures {
  received: number;
  published: number;
  /** Still waiting for a moderator. */
  held: number;
  rejected: number;
  deleted: number;
}

export interface LexiconHitCount {
  term: string;
  action: string;
  hits: number;
}

export interface ReportFigures {
  received: number;
  /** Reports resolved in the range, whenever they were made. */
  handled: number;
  /** Reports waiting now, whenever they were made. */
  open: number;
  /** Minutes from report to resolution, over those handled in the range; null when none were. */
  averageMinutesToHandle: number | null;
  medianMinutesToHandle: number | null;
}

export interface ModerationFigures {
  comments: CommentFigures;
  lexiconHits: LexiconHitCount[];
  reports: ReportFigures;
}

const COMMENT_STATUSES = ['published', 'pending', 'rejected', 'deleted'] as const;

/** What comment moderation did in a range: every figure one indexed count or a small grouped read. */
export async function countModeration(db: Db, range: TimeRange, lexiconTerms = 20): Promise<ModerationFigures> {
  const [comments, lexiconHits, reports] = await Promise.all([countComments(db, range), countLexiconHits(db, range, lexiconTerms), countReports(db, range)]);
  return { comments, lexiconHits, reports };
}

const inRange = (range: TimeRange) => [range.since.toISOString(), range.until.toISOString()] as const;

async function countComments(db: Db, range: TimeRange): Promise<CommentFigures> {
  const [since, until] = inRange(range);
  const rows = await db
    .selectFrom('comments')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .groupBy('status')
    .execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<(typeof COMMENT_STATUSES)[number], number>>;
  const [published, held, rejected, deleted] = COMMENT_STATUSES.map((s) => by[s] ?? 0) as [number, number, number, number];
  return { received: published + held + rejected + deleted, published, held, rejected, deleted };
}

async function countLexiconHits(db: Db, range: TimeRange, limit: number): Promise<LexiconHitCount[]> {
  const [since, until] = inRange(range);
  const rows = await db
    .selectFrom('lexicon_hits')
    .select(['term', 'action', (eb) => eb.fn.countAll<number | string>().as('hits')])
    .where('created_at', '>=', since)
    .where('created_at', '<', until)
    .groupBy(['term', 'action'])
    .orderBy('hits', 'desc')
    .orderBy('term')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ term: r.term, action: r.action, hits: Number(r.hits) }));
}

async function countReports(db: Db, range: TimeRange): Promise<ReportFigures> {
  const [since, until] = inRange(range);
  const [received, open, handled] = await Promise.all([
    db.selectFrom('comment_reports').select((eb) => eb.fn.countAll<number | string>().as('n')).where('created_at', '>=', since).where('created_at', '<', until).executeTakeFirstOrThrow(),
    db.selectFrom('comment_reports').select((eb) => eb.fn.countAll<number | string>().as('n')).where('resolved_at', 'is', null).executeTakeFirstOrThrow(),
    // The times themselves, since date arithmetic differs between the databases; a month's reports are few.
    db.selectFrom('comment_reports').select(['created_at', 'resolved_at']).where('resolved_at', '>=', since).where('resolved_at', '<', until).execute(),
  ]);
  const minutes = handled.map((r) => (toDate(r.resolved_at!).getTime() - toDate(r.created_at).getTime()) / 60_000).sort((a, b) => a - b);
  return {
    received: Number(received.n),
    handled: minutes.length,
    open: Number(open.n),
    averageMinutesToHandle: minutes.length ? Math.round(minutes.reduce((sum, m) => sum + m, 0) / minutes.length) : null,
    medianMinutesToHandle: minutes.length ? Math.round(median(minutes)) : null,
  };
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
