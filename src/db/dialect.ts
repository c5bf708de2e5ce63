import { PostgresAdapter, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Serializes transactions that touch the same keys, until the calling
 * transaction ends: a count-then-insert under a limit (codes sent per number
 * and per address) stays exact however many requests race. PostgreSQL takes
 * transaction-scoped advisory locks, in sorted order so two callers never
 * deadlock; SQLite needs nothing, since its writes already run one at a time.
 */
export async function lockKeys(trx: Db, keys: string[]): Promise<void> {
  if (databaseKind(trx) !== 'postgres') return;
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
  }
}

/** Which database a connection (or transaction) talks to, for the few features written per database (full-text search). */
export function databaseKind(db: Db): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Whether the database plans by statistics: PostgreSQL, with those autovacuum keeps. SQLite has none
 * (bendi never runs ANALYZE there), so its queries are written in the order they are to be read.
 */
export function plansByStatistics(db: Db): boolean {
  return databaseKind(db) === 'postgres';
}

/**
 * `query` as a subquery the database plans apart and reads before what it is joined to: PostgreSQL
 * pulls a plain subquery up into the join and reorders it by its estimates, but not one with an OFFSET
 * (0 changes nothing else). SQLite reads a CROSS JOIN's tables in the order written already.
 */
export function plannedApart<QB extends SelectQueryBuilder<any, any, any>>(db: Db, query: QB): QB {
  return plansByStatistics(db) ? (query.offset(0) as QB) : query;
}

/**
 * Rows a worker claims: on PostgreSQL locked FOR UPDATE SKIP LOCKED, so two
 * instances claiming at once take different rows instead of waiting for or
 * sending each other's; SQLite runs one write statement at a time, so the
 * claiming UPDATE around this query is already alone.
 */
export function claimableRows<QB extends SelectQueryBuilder<any, any, any>>(db: Db, query: QB): QB {
  return databaseKind(db) === 'postgres' ? (query.forUpdate().skipLocked() as QB) : query;
}

/**
 * Locks the rows with these ids until the transaction ends, in ascending id
 * order, on PostgreSQL; SQLite needs nothing, its writes running one at a
 * time. Transactions that change several articles (a batch withdrawal, a
 * recount of likes, a flush of reads) each take their rows in this one order
 * first, so two of them wait for each other instead of deadlocking.
 */
export async function lockRowsInIdOrder(trx: Db, table: 'articles' | 'comments', ids: readonly number[]): Promise<void> {
  if (databaseKind(trx) !== 'postgres' || ids.length === 0) return;
  await lockedRows(trx, trx.selectFrom(table).select('id').where('id', 'in', [...ids]).orderBy('id'), 'no key update').execute();
}

/**
 * `query` with the rows it reads locked until the transaction ends. 'update'
 * is for a row about to be deleted; 'no key update' for one about to be
 * changed (it lets a new like or comment point at the row meanwhile, as an
 * UPDATE's own lock does); 'key share' is the lock a foreign key
 * takes on the row it points at, for a reference kept without one (an id in
 * a JSON setting). On PostgreSQL 'update' and 'key share' conflict, so whichever comes second
 * waits for the first to commit and then sees what it did: a delete that
 * looks for references first never misses one saved meanwhile. SQLite needs
 * nothing: bendi's transactions there run on its one writing connection, which
 * a transaction keeps to itself until it ends (see SqliteConnectionsDialect).
 */
export function lockedRows<QB extends SelectQueryBuilder<any, any, any>>(db: Db, query: QB, lock: 'update' | 'no key update' | 'key share'): QB {
  if (databaseKind(db) !== 'postgres') return query;
  return (lock === 'update' ? query.forUpdate() : lock === 'no key update' ? query.forNoKeyUpdate() : query.forKeyShare()) as QB;
}
