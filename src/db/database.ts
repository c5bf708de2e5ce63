import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { lazyPackage } from '../lib/lazy-package.js';
import { migrations } from './migrations/index.js';
import { waitBoundedPool } from './pool-wait.js';
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

/**
 * Opens the configured database. SQLite runs in WAL mode so readers never
 * wait for a writer. On PostgreSQL, `queryTimeoutMs` bounds each query as the
 * client sees it, and `poolWaitMs` how long a request's queries wait in all
 * (PoolWaitAccount), or a query alone, for the pool's connections when all are
 * busy (isBusyDatabase). The server serving
 * pages passes both; the CLI's migrations and backups, which may rightly run
 * long, pass neither.
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
    return { db: new Kysely<Database>({ dialect }), kind: 'postgres' };
  }
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Sorting for ORDER BY … LIMIT (most lists of a page) goes through a temporary table, which SQLite
  // otherwise opens as a file, an open and unlink per query: 170 µs a query, 13 µs in memory. The
  // largest sort bendi asks for, over every published article, takes a few megabytes.
  sqlite.pragma('temp_store = MEMORY');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), kind: 'sqlite' };
}

/**
 * Kysely asks better-sqlite3 to prepare every statement anew, which costs as
 * much as running it; the queries a page makes are few and repeat, so their
 * prepared statements are kept (bounded, oldest dropped first). SQLite
 * re-prepares a kept statement by itself when a migration changes the schema.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
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
