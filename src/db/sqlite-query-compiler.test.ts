// SQLite's LIMIT as bendi compiles it: a bound value that SQLite does not read while preparing (see SqliteLimitCompiler).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ExpressionBuilder, sql } from 'kysely';
import type { DatabaseHandle } from './database.js';
import type { Database } from './schema.js';
import { createSqliteTestDatabase } from './testing.js';

describe('SQLite LIMIT', () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await createSqliteTestDatabase();
    await handle.db.insertInto('settings').values(['a', 'b', 'c'].map((key) => ({ key: `limit-${key}`, value: key, updated_at: '2026-12-04' }))).execute();
  });
  after(() => handle.db.destroy());

  const keys = (limit: number, offset = 0) =>
    handle.db.selectFrom('settings').select('value').where('key', 'like', 'limit-%').orderBy('key').limit(limit).offset(offset);

  it('binds a LIMIT inside an expression, so that SQLite keeps the prepared statement between runs', () => {
    // A bare `limit ?` makes SQLite prepare the statement again each time the value is bound.
    assert.match(keys(2).compile().sql, /limit cast\(\? as integer\) offset \?$/);
  });

  it('still limits to each run’s own value, on the same statement', async () => {
    for (const [limit, offset, expected] of [
      [2, 0, ['a', 'b']],
      [1, 0, ['a']],
      [5, 1, ['b', 'c']],
      [0, 0, []],
    ] as const) {
      assert.deepEqual((await keys(limit, offset).execute()).map((row) => row.value), expected, `limit ${limit} offset ${offset}`);
    }
  });

  it('leaves a LIMIT written in the SQL as it is', () => {
    for (const literal of [sql.lit(3), (eb: ExpressionBuilder<Database, 'settings'>) => eb.lit(3)]) {
      assert.match(handle.db.selectFrom('settings').select('key').limit(literal).compile().sql, /limit 3$/);
    }
  });
});
