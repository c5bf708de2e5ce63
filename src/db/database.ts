import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { lazyPackage } from '../lib/lazy-package.js';
import { migrations } from './migrations/index.js';
import { waitBoundedPool } from './pool-wait.js';
import { SqliteConnectionsDialect } from './sqlite-connections.js';
import type { Database } from './schema.js';

/** Loaded only for a PostgreSQL database: an instance on SQLite never needs it (40 ms of its start). */
const pg = lazyPackage<typeof import('pg')>('pg');

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseConfig['kind'];
}

/** How long opening a PostgreSQL connection may take: a server that accepts and never answers must not hang a request, or a start, for ever. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * pg's Client with opening a connection bounded by CONNECT_TIMEOUT_MS. Not the
 * pool's own connectionTimeoutMillis: that bounds waiting for a free
 * connection too (openDatabase's poolWaitMs), which must be far longer: a
 * burst of readers queued behind the pool's ten was answered 503 after 5 s
 * (it hung a test of 1,000 parallel reads in CI).
 */
function boundedClient(): typeof import('pg').Client {
  const { Client } = pg();
  return class BoundedClient extends Client {
    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  };
}

/** A PostgreSQL connection outside any pool (ChangeNotices' LISTEN, a command's NOTIFY), opened within the bound the pool's connections have. */
export function postgresClient(config: import('pg').ClientConfig): import('pg').Client {
  return new (boundedClient())(config);
}

/**
 * Opens the configured database. On SQLite, reads outside transactions never
 * wait for a writer (see SqliteConnectionsDialect). On PostgreSQL,
 * `queryTimeoutMs` bounds each query as the client sees it, and `poolWaitMs`
 * how long a request's queries wait in all (PoolWaitAccount), or a query
 * alone, for the pool's connections when all are busy (isBusyDatabase). The
 * server serving pages passes both; the CLI's migrations and backups, which
 * may rightly run long, pass neither.
 */
export function openDatabase(config: DatabaseConfig, { queryTimeoutMs, poolWaitMs }: { queryTimeoutMs?: number; poolWaitMs?: number } = {}): DatabaseHandle {
  if (config.kind === 'postgres') {
    // The wait also covers opening a connection for the query: a shorter one would answer a database that cannot
    // be reached as a busy one (isBusyDatabase) before the connection's own bound says what it is.
    if (poolWaitMs !== undefined && poolWaitMs <= CONNECT_TIMEOUT_MS) throw new Error(`poolWaitMs must be longer than ${CONNECT_TIMEOUT_MS} ms`);
    const pool = new (pg().Pool)({
      connectionString: config.url,
      max: 10,
      Client: boundedClient(),
      query_timeout: queryTimeoutMs,
      connectionTimeoutMillis: poolWaitMs,
    });
    // A connection the server drops (restart, failover, pg_terminate_backend) emits an error event: on an idle one
    // through the pool, on one in use through the client itself, where pg-pool listens no more. Unheard, either
    // would end the whole process; the query in flight fails by itself, and its request is answered 503.
    pool.on('connect', (client) => client.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`)));
    pool.on('error', () => {
      // Already reported by the client's own listener above.
    });
    const dialect = new PostgresDialect({ pool: poolWaitMs === undefined ? pool : waitBoundedPool(pool, poolWaitMs) });
    const db = new Kysely<Database>({ dialect });
    postgresUrls.set(db, config.url);
    return { db, kind: 'postgres' };
  }
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const dialect = new SqliteConnectionsDialect(config.file);
  const db = new Kysely<Database>({ dialect });
  sqliteDialects.set(db, dialect);
  return { db, kind: 'sqlite' };
}

/** The address of each PostgreSQL database opened here, for postgresUrlOf. */
const postgresUrls = new WeakMap<Db, string>();

/** The address `db` was opened with, on PostgreSQL, for a connection of its own (ChangeNotices); undefined for any other Db. */
export function postgresUrlOf(db: Db): string | undefined {
  return postgresUrls.get(db);
}

/** The dialect of each SQLite database opened here, for otherProcessesCommits. */
const sqliteDialects = new WeakMap<Db, SqliteConnectionsDialect>();

/**
 * On SQLite, a reading that changes whenever another process commits to the
 * database file (see SqliteConnectionsDialect.othersDataVersion), as a command
 * the operator runs beside the instance does. Undefined on PostgreSQL, where
 * other processes' commits leave no trace in this one, and for any Db but the
 * one openDatabase returned (a transaction's, say).
 */
export function otherProcessesCommits(db: Db): (() => number) | undefined {
  const dialect = sqliteDialects.get(db);
  return dialect && (() => dialect.othersDataVersion());
}

/**
 * Brings the schema up to date; throws with the failing migration's name.
 * On PostgreSQL the migration tables live in the connection's current schema:
 * Kysely otherwise takes a kysely_migration table in any other schema of the
 * database for its own.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const { db } = handle;
  const migrationTableSchema =
    handle.kind === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`);
  }
  return results.map((r) => r.migrationName);
}
