import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { databaseKind } from '../db/dialect.js';

/**
 * Resolves once a statement in the test's database waits for a lock: a test
 * holding a transaction open starts the command under test, and goes on only
 * once the command is blocked by it, so the two really overlap. PostgreSQL
 * shows the wait in pg_stat_activity. On SQLite the command queues for the
 * writing connection the open transaction holds, so a turn of the event loop is enough.
 * Throws when nothing waits within `timeoutMs`: the command did not block.
 */
export async function untilWaitingForLock(db: Db, timeoutMs = 5000): Promise<void> {
  if (databaseKind(db) !== 'postgres') return new Promise((resolve) => setImmediate(resolve));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (rows[0]!.waiting > 0) return;
    if (Date.now() > deadline) throw new Error(`nothing waited for a lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
