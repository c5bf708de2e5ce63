import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { Migrator, sql } from 'kysely';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from './database.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { createScratchPostgresDatabase } from './scratch-database.js';
import { migrations } from './migrations/index.js';

/** What a database test body sees; `db` is ready once the suite's before() hook has run. */
export interface TestDatabaseContext {
  readonly kind: DatabaseHandle['kind'];
  readonly db: Db;
  readonly handle: DatabaseHandle;
}

const postgresUrl = process.env.TEST_POSTGRES_URL;
const skipped: Record<DatabaseHandle['kind'], string | false> = { sqlite: false, postgres: missingEnv('TEST_POSTGRES_URL') };

/**
 * Runs the same test body against a fresh, migrated SQLite file and against
 * a fresh schema in the PostgreSQL database TEST_POSTGRES_URL names; without
 * it the PostgreSQL suite is skipped, and the run's summary says so. Each
 * suite gets its own database, dropped when the suite ends.
 */
export function describeEachDatabase(name: string, body: (context: TestDatabaseContext) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${kind}]`, { skip: skipped[kind] }, () => {
      let handle: DatabaseHandle | undefined;
      before(async () => {
        handle = kind === 'sqlite' ? await createSqliteTestDatabase() : await createPostgresTestDatabase(postgresUrl!);
      });
      after(async () => {
        await handle?.db.destroy();
      });
      const ready = (): DatabaseHandle => {
        if (!handle) throw new Error('test database used before its before() hook ran');
        return handle;
      };
      body({
        kind,
        get db() {
          return ready().db;
        },
        get handle() {
          return ready();
        },
      });
    });
  }
}

/** Brings a test database to the latest schema, or only up to the migration `upTo` (for a test of the migrations after it). */
async function migrateTestDatabase(handle: DatabaseHandle, upTo: string | undefined): Promise<void> {
  if (upTo === undefined) {
    await migrateToLatest(handle);
    return;
  }
  const schema = handle.kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db: handle.db, migrationTableSchema: schema, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(upTo);
  if (error) throw error;
}

export async function createSqliteTestDatabase(upTo?: string): Promise<DatabaseHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-test-'));
  const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.sqlite') });
  await migrateTestDatabase(handle, upTo);
  const destroy = handle.db.destroy.bind(handle.db);
  handle.db.destroy = async () => {
    await destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return handle;
}

export async function createPostgresTestDatabase(url: string, upTo?: string): Promise<DatabaseHandle> {
  const scratch = await createScratchPostgresDatabase(url);
  const handle = openDatabase({ kind: 'postgres', url: scratch.url });
  await migrateTestDatabase(handle, upTo);
  const destroy = handle.db.destroy.bind(handle.db);
  handle.db.destroy = async () => {
    await destroy();
    await scratch.drop();
  };
  return handle;
}

/**
 * Another fresh database of the kind a suite runs on, for a test that moves a site from one to another
 * (migrated to the latest schema), or that tests the migrations after `upTo` (migrated up to it); destroy() drops it.
 */
export function createTestDatabase(kind: DatabaseHandle['kind'], upTo?: string): Promise<DatabaseHandle> {
  return kind === 'sqlite' ? createSqliteTestDatabase(upTo) : createPostgresTestDatabase(postgresUrl!, upTo);
}
