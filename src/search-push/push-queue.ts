import type { Db } from '../db/database.js';
import { claimableRows } from '../db/dialect.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { configuredEngines, getSearchPushSettings, type PushEngine } from './push-settings.js';
import type { PushResult } from './push-result.js';

export type PushStatus = 'pending' | 'sent' | 'failed';

/** What changed for readers: an article became (or stays, edited) visible, or was taken down. */
export interface ArticlePushChange {
  articleId: number;
  change: 'published' | 'withdrawn';
  /** When readers can see it: a scheduled article is pushed then, not before, or the engine would crawl a 404. */
  visibleFrom: Date;
}

/**
 * Queues an article's URL for every engine that is set up, in the caller's
 * transaction (an outbox: the push is queued exactly when the change
 * commits, and sent after by the worker). Unsent rows for the article are
 * replaced, since only its latest state matters. Baidu's 普通收录 API only
 * adds URLs, so a withdrawal goes to IndexNow alone, whose protocol takes
 * removed URLs too.
 */
export async function queueArticlePush(trx: Db, input: ArticlePushChange, now: Date): Promise<void> {
  const engines = configuredEngines(await getSearchPushSettings(trx)).filter((engine) => input.change === 'published' || engine === 'indexnow');
  await trx.deleteFrom('push_queue').where('article_id', '=', input.articleId).where('status', '=', 'pending').execute();
  if (engines.length === 0) return;
  const due = (input.visibleFrom > now ? input.visibleFrom : now).toISOString();
  await trx
    .insertInto('push_queue')
    .values(engines.map((engine) => ({ article_id: input.articleId, engine, status: 'pending' as const, next_attempt_at: due, created_at: now.toISOString() })))
    .execute();
}

export interface ClaimedPush {
  id: number;
  articleId: number;
  /** Counting this one. */
  attempts: number;
}

/**
 * Claims up to `limit` due rows of one engine by moving their next attempt
 * to `leaseUntil`, in one statement: no other worker sees them until then,
 * and if this instance dies mid-send they come due again.
 */
export async function claimDuePushes(db: Db, engine: PushEngine, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedPush[]> {
  const due = claimableRows(
    db,
    db
      .selectFrom('push_queue')
      .select('id')
      .where('status', '=', 'pending')
      .where('engine', '=', engine)
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit),
  );
  const rows = await db
    .updateTable('push_queue')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil.toISOString() }))
    .where('id', 'in', due)
    .returning(['id', 'article_id', 'attempts'])
    .execute();
  return rows.map((row) => ({ id: row.id, articleId: row.article_id, attempts: row.attempts })).sort((a, b) => a.id - b.id);
}

/** Records the engine's answer: done (sent or failed for good), or due again at `retryAt`. */
export async function recordPushResult(db: Db, ids: number[], result: PushResult, now: Date, retryAt?: Date): Promise<void> {
  if (ids.length === 0) return;
  const status: PushStatus = result.outcome === 'retry' ? 'pending' : result.outcome;
  await db
    .updateTable('push_queue')
    .set({
      status,
      last_result: JSON.stringify(result),
      done_at: status === 'pending' ? null : now.toISOString(),
      ...(retryAt ? { next_attempt_at: retryAt.toISOString() } : {}),
    })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}

/** The engine's daily quota is used up: nothing more goes to it before `until`. */
export async function deferEngine(db: Db, engine: PushEngine, until: Date): Promise<void> {
  await db
    .updateTable('push_queue')
    .set({ next_attempt_at: until.toISOString() })
    .where('engine', '=', engine)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<', until.toISOString())
    .execute();
}

/** Forgets pushes that were done (sent or failed) before `before`; the admin shows only recent ones. */
export async function pruneDonePushes(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('push_queue').where('status', '!=', 'pending').where('done_at', '<', before.toISOString()).execute();
}

export interface PushRecord {
  id: number;
  articleId: number;
  articleTitle: string;
  engine: PushEngine;
  status: PushStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastResult: PushResult | null;
  createdAt: Date;
  doneAt: Date | null;
}

/** The latest pushes, newest first, for the admin. */
export async function listRecentPushes(db: Db, limit: number, status?: PushStatus): Promise<PushRecord[]> {
  let query = db
    .selectFrom('push_queue')
    .innerJoin('articles', 'articles.id', 'push_queue.article_id')
    .select(['push_queue.id', 'article_id', 'articles.title', 'engine', 'push_queue.status', 'attempts', 'next_attempt_at', 'last_result', 'push_queue.created_at', 'done_at'])
    .orderBy('push_queue.id', 'desc')
    .limit(limit);
  if (status) query = query.where('push_queue.status', '=', status);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    articleId: row.article_id,
    articleTitle: row.title,
    engine: row.engine,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    lastResult: row.last_result === null ? null : (JSON.parse(row.last_result) as PushResult),
    createdAt: toDate(row.created_at),
    doneAt: toOptionalDate(row.done_at),
  }));
}
