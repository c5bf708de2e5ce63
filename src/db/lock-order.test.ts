// Writers of several articles on PostgreSQL (withdrawals, flushes of reads, recounts of likes) take
// their rows in one order, ascending id (new tags: by folded name), and the site's day of reads last: two of them then wait for each other instead of deadlocking (a batch
// withdrawal given [12, 2] answered 500 "deadlock detected" against a flush of reads). Each test
// holds the lower id, starts the writer with the higher id first, and looks whether the writer
// took the higher one before waiting; taking it first is the half of a deadlock it can show alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { transitionArticles } from '../content/index.js';
import { addReads } from '../engagement/add-reads.js';
import { CounterBuffer } from '../engagement/counter-buffer.js';
import { formatChinaDate } from '../lib/china-time.js';
import { connectRedis } from '../lib/redis.js';
import { buildArticle, buildStaff, uniqueSuffix } from '../test-support/factories.js';
import { untilWaitingForLock } from '../test-support/lock-waits.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import type { DatabaseHandle, Db } from './database.js';
import { lockRowsInIdOrder } from './dialect.js';
import { createPostgresTestDatabase } from './testing.js';

const now = new Date('2026-12-02T04:00:00Z');

/** PostgreSQL's answer to NOWAIT on a row someone holds (lock_not_available). */
const LOCK_NOT_AVAILABLE = '55P03';

/** Whether another transaction can lock the row at once, or someone holds it; any other failure is the test's. */
async function lockableNow(db: Db, table: 'articles' | 'site_daily_reads', where: RawBuilder<unknown>): Promise<boolean> {
  try {
    await db.transaction().execute((trx) => sql`select 1 from ${sql.table(table)} where ${where} for update nowait`.execute(trx));
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) return false;
    throw error;
  }
}

/** Whether another transaction can insert the tag at once, or someone's uncommitted insert holds its name; rolled back either way. */
async function tagInsertableNow(db: Db, name: string): Promise<boolean> {
  const trx = await db.startTransaction().execute();
  try {
    await sql`set local lock_timeout = '200ms'`.execute(trx);
    await sql`insert into tags (name, folded) values (${name}, ${name}) on conflict do nothing`.execute(trx);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) return false;
    throw error;
  } finally {
    await trx.rollback().execute();
  }
}

/** Runs `write` while another transaction holds `held`, once `write` waits for it; returns what `check` said meanwhile. */
async function whileWaitingOn(db: Db, held: RawBuilder<unknown>, write: () => Promise<unknown>, check: () => Promise<boolean>): Promise<boolean> {
  let writing: Promise<unknown> | undefined;
  let seen = false;
  await db.transaction().execute(async (trx) => {
    await held.execute(trx);
    writing = write().catch((error: unknown) => error);
    await untilWaitingForLock(db);
    seen = await check();
  });
  const written = await writing;
  assert.ok(!(written instanceof Error), `the writer failed: ${String(written)}`);
  return seen;
}

describe('the order writers of several articles lock them in [postgres]', { skip: missingEnv('TEST_POSTGRES_URL') }, () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await createPostgresTestDatabase(process.env.TEST_POSTGRES_URL!);
  });
  after(() => handle.db.destroy());

  it('a batch withdrawal given the higher id first waits for the lower before it takes the higher', async () => {
    const { db } = handle;
    const [low, high] = [await buildArticle(db, { publishedAt: now }), await buildArticle(db, { publishedAt: now })];
    const actor = { user: await buildStaff(db, 'reviewer'), ip: '127.0.0.1' };
    const highFree = await whileWaitingOn(
      db,
      sql`select id from articles where id = ${low.id} for update`,
      () => transitionArticles(db, { ids: [high.id, low.id], to: 'withdrawn', reason: '测试', actor, reviewLevels: 1 }, now),
      () => lockableNow(db, 'articles', sql`id = ${high.id}`),
    );
    assert.equal(highFree, true);
  });

  it('a flush of reads given the higher id first waits for the lower before it takes the higher', async () => {
    const { db } = handle;
    const [low, high] = [await buildArticle(db), await buildArticle(db)];
    const highFree = await whileWaitingOn(
      db,
      sql`select id from articles where id = ${low.id} for update`,
      () => db.transaction().execute((trx) => addReads(trx, [[high.id, 1], [low.id, 1]], now)),
      () => lockableNow(db, 'articles', sql`id = ${high.id}`),
    );
    assert.equal(highFree, true);
  });

  it('a recount of likes given the higher id first waits for the lower before it takes the higher', { skip: missingEnv('TEST_REDIS_URL') }, async () => {
    const { db } = handle;
    const [low, high] = [await buildArticle(db), await buildArticle(db)];
    // An update writes a row's new version at the table's end: one statement over both rows now meets the higher id first.
    await db.updateTable('articles').set({ like_count: 0 }).where('id', '=', low.id).execute();
    const redis = await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix: `test-${uniqueSuffix()}:` });
    try {
      const counters = new CounterBuffer(redis, db, () => now, Fastify().log);
      await counters.likesChanged('article', high.id);
      await counters.likesChanged('article', low.id);
      const highFree = await whileWaitingOn(
        db,
        sql`select id from articles where id = ${low.id} for update`,
        () => counters.flush(),
        () => lockableNow(db, 'articles', sql`id = ${high.id}`),
      );
      assert.equal(highFree, true);
    } finally {
      await redis.quit();
    }
  });

  it("a flush of reads takes all its articles before the site's day", async () => {
    const { db } = handle;
    const [first, second] = [await buildArticle(db), await buildArticle(db)];
    const day = formatChinaDate(now);
    await db.insertInto('site_daily_reads').values({ day, reads: 0 }).onConflict((oc) => oc.column('day').doNothing()).execute();
    const secondFree = await whileWaitingOn(
      db,
      sql`select day from site_daily_reads where day = ${day} for update`,
      () => db.transaction().execute((trx) => addReads(trx, [[first.id, 1], [second.id, 1]], now)),
      () => lockableNow(db, 'articles', sql`id = ${second.id}`),
    );
    assert.equal(secondFree, false, 'the second article is held while the site row is awaited');
  });

  it('an article save given new tags out of order waits for the first in folded order before it takes the next', async () => {
    const { db } = handle;
    const suffix = uniqueSuffix();
    const [first, next] = [`a-${suffix}`, `z-${suffix}`];
    const nextFree = await whileWaitingOn(
      db,
      sql`insert into tags (name, folded) values (${first}, ${first})`,
      () => buildArticle(db, { tags: [next, first] }),
      () => tagInsertableNow(db, next),
    );
    assert.equal(nextFree, true);
  });

  it("a writer's lock on its articles lets a reader like one of them meanwhile", async () => {
    const { db } = handle;
    const article = await buildArticle(db);
    const reader = await db.insertInto('readers').values({ phone: `139${String(Date.now()).slice(-8)}`, nickname: '读者', created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await lockRowsInIdOrder(trx, 'articles', [article.id]);
      // The like's foreign key takes a key-share lock on the article: with the writer's lock it would wait for the commit.
      await db.transaction().execute(async (other) => {
        await sql`set local lock_timeout = '2s'`.execute(other);
        await other.insertInto('article_likes').values({ article_id: article.id, reader_id: reader.id, created_at: now.toISOString() }).execute();
      });
    });
  });
});
