import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { lazyPackage } from '../lib/lazy-package.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** Loaded only for a PostgreSQL database: an instance on SQLite never needs it (40 ms of its start). */
const pg = lazyPackage<typeof import('pg')>('pg');

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseConfig['kind'];
}

/** Opens the configured database. SQLite runs in WAL mode so readers never wait for a writer. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === 'postgres') {
    const pool = new (pg().Pool)({ connectionString: config.url, max: 10 });
    // An idle connection dropped by the server (restart, failover, a dropped database) is discarded by pg
    // and replaced on next use; without a listener its error event would crash the whole process.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
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
