// How SQLite reads a list in parts: merged from the indexes, never sorted (see publishedPage).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CompiledQuery, Kysely } from 'kysely';
import { migrateToLatest } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { SqliteConnectionsDialect } from '../db/sqlite-connections.js';
import { buildArticle, buildCategory } from '../test-support/factories.js';
import { listPublishedArticles } from './published-lists.js';

describe('a list read in parts on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-lists-'));
  /** Every query the lists run, as sent to SQLite. */
  const sent: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteConnectionsDialect(path.join(dir, 'lists.sqlite')),
    log: (event) => {
      if (event.level === 'query') sent.push(event.query);
    },
  });
  before(() => migrateToLatest({ db, kind: 'sqlite' }));
  after(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('merges a section’s categories, 置顶 and the rest, each in its index’s order, without sorting them', async () => {
    const [city, east] = [await buildCategory(db), await buildCategory(db)];
    const built = [];
    for (let i = 0; i < 6; i += 1) built.push(await buildArticle(db, { categoryId: i % 2 ? city.id : east.id }));
    await db.updateTable('articles').set({ is_pinned: 1 }).where('id', '=', built[4]!.id).execute();
    sent.length = 0;
    const page = await listPublishedArticles(db, { now: new Date(), categoryIds: [city.id, east.id], pinnedFirst: true, limit: 2, offset: 2 });
    assert.equal(page.length, 2);
    const list = sent.find((query) => query.sql.includes('union all'));
    assert.ok(list, 'the list is one compound SELECT of its parts');
    const plan = await db.executeQuery<{ detail: string }>({ ...list, sql: `explain query plan ${list.sql}`, parameters: list.parameters });
    const details = plan.rows.map((row) => row.detail);
    assert.equal(details.filter((detail) => detail.startsWith('MERGE (UNION ALL)')).length, 3, details.join('\n'));
    assert.ok(!details.some((detail) => detail.includes('TEMP B-TREE')), `nothing sorted:\n${details.join('\n')}`);
  });
});
