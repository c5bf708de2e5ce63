import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { lockRowsInIdOrder } from '../db/dialect.js';
import { addReads } from './add-reads.js';
import type { Clock } from '../lib/clock.js';
import { unavailable } from '../lib/errors.js';

/** How often each instance moves what Redis holds into the database. */
export const FLUSH_INTERVAL_MS = 1_000;

/** Batch ids are kept this long; a batch is in Redis for seconds, so an id older than this can never come back. */
const BATCH_IDS_KEPT_MS = 7 * 86_400_000;

export const COUNTER_KEYS = {
  /** Hash: article id → reads counted since the last flush. */
  pendingReads: 'bendi:reads:pending',
  /** Set: ids of read batches taken from pendingReads and not yet known to be in the database. */
  readBatches: 'bendi:reads:batches',
  readBatch: (id: string) => `bendi:reads:batch:${id}`,
  /** Visitor id → when its read of one article was counted. */
  readMark: (articleId: number, visitor: string) => `bendi:reads:mark:${articleId}:${visitor}`,
  /** Sorted set: the visitors counted from one address, scored by when. */
  addressVisitors: (ip: string) => `bendi:reads:address:${ip}`,
  /** Set: liked items (`article:12`, `comment:7`) whose counter has to be counted again from the like rows. */
  likesChanged: 'bendi:likes:changed',
  /** The items of likesChanged counted in the last flush, counted once more in the next one. */
  likesSettling: 'bendi:likes:settling',
} as const;

/**
 * The same rule as the database path in reads.ts, decided in one script so
 * that every instance sees each read one at a time: the visitor's mark for
 * this article, then the address's room for one more visitor, then the count.
 * Times are the application clock's (ARGV), so the window means what it
 * means on the database path; the keys' expiry only clears them away.
 * Returns {counted (0 or 1), reads of this article pending in Redis}.
 */
const COUNT_READ = `
local now = tonumber(ARGV[1])
local windowStart = now - tonumber(ARGV[2])
local function pending() return tonumber(redis.call('HGET', KEYS[3], ARGV[5]) or '0') end
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) > windowStart then return {0, pending()} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. windowStart)
if not redis.call('ZSCORE', KEYS[2], ARGV[3]) and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return {0, pending()} end
redis.call('ZADD', KEYS[2], now, ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], now, 'PX', ARGV[2])
return {1, redis.call('HINCRBY', KEYS[3], ARGV[5], 1)}
`;

/** Moves the pending reads into a batch of their own and lists the batch, in one step. */
const TAKE_READ_BATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
`;

/**
 * Takes the items to count again: those settling from the last flush, and
 * those changed since, which then settle until the next one. Returns both.
 */
const TAKE_CHANGED_LIKES = `
local again = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end
local fresh = redis.call('SMEMBERS', KEYS[2])
for _, item in ipairs(fresh) do table.insert(again, item) end
return again
`;

interface CounterScripts {
  bendiCountRead(mark: string, address: string, pending: string, now: number, windowMs: number, visitor: string, maxVisitors: number, articleId: number): Promise<[number, number]>;
  bendiTakeReadBatch(pending: string, batch: string, batches: string, batchId: string): Promise<number>;
  bendiTakeChangedLikes(changed: string, settling: string): Promise<string[]>;
}

export interface BufferedRead {
  articleId: number;
  visitor: string;
  /** The counted address (countedAddress). */
  ip: string;
  windowMs: number;
  visitorsPerAddress: number;
}

/**
 * Reads and likes counted in Redis and written to the database in batches,
 * for several instances (REDIS_URL). The hot rows, a popular article's
 * counters, are then written once a second instead of once per reader.
 *
 * Exact, also when an instance dies at any point:
 * - Reads: a read is decided and counted in Redis in one script; a flush
 *   renames the pending counts into a batch with an id, adds the batch to the
 *   articles and records its id in one transaction, and only then deletes
 *   the batch from Redis. Any instance's flush applies every listed batch, so
 *   one left behind by a crashed instance is applied by the next flush, and
 *   one applied but not deleted is recognised by its id and not added again.
 * - Likes: the like rows stay in the database (they say who liked); what is
 *   buffered is the counter. The item is marked changed before and after
 *   its row is written, and each flush sets the counters of the marked items
 *   from their rows, in this flush and once more in the next: counting from
 *   the rows is right however often it runs, and the second pass covers a
 *   like whose transaction was still open when the first one counted.
 *
 * When Redis cannot be reached, reads and likes answer 503 rather than being
 * counted where the other instances cannot see them; what Redis holds stays
 * there and is flushed when it is back.
 */
export class CounterBuffer {
  private readonly redis: Redis & CounterScripts;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastPrunedAt = 0;

  constructor(
    redis: Redis,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {
    redis.defineCommand('bendiCountRead', { numberOfKeys: 3, lua: COUNT_READ });
    redis.defineCommand('bendiTakeReadBatch', { numberOfKeys: 3, lua: TAKE_READ_BATCH });
    redis.defineCommand('bendiTakeChangedLikes', { numberOfKeys: 2, lua: TAKE_CHANGED_LIKES });
    this.redis = redis as Redis & CounterScripts;
  }

  /**
   * Counts a read unless the rule refuses it; returns whether it counted and the article's reads not yet in the database.
   *
   * Throws Unavailable('engagement.counters_unavailable') when Redis does not answer within the command timeout, and
   * then the read may be counted all the same: a stalled Redis runs the script it was sent when it runs again, and
   * no answer can tell a script that never arrived from one that will run late. The 503 therefore means "not known to
   * be counted", not "not counted". The read is still counted at most once: the visitor's mark, which the same script
   * sets, refuses a retry within the window, whichever of the two Redis runs first.
   */
  async countRead(read: BufferedRead, now: Date): Promise<{ counted: boolean; pendingReads: number }> {
    const [counted, pendingReads] = await this.reachRedis(() =>
      this.redis.bendiCountRead(
        COUNTER_KEYS.readMark(read.articleId, read.visitor),
        COUNTER_KEYS.addressVisitors(read.ip),
        COUNTER_KEYS.pendingReads,
        now.getTime(),
        read.windowMs,
        read.visitor,
        read.visitorsPerAddress,
        read.articleId,
      ),
    );
    return { counted: counted === 1, pendingReads };
  }

  /** Marks an item whose like rows are about to change, or just changed, to be counted again. */
  async likesChanged(target: 'article' | 'comment', id: number): Promise<void> {
    await this.reachRedis(() => this.redis.sadd(COUNTER_KEYS.likesChanged, `${target}:${id}`));
  }

  /** Flushes every FLUSH_INTERVAL_MS until stop(). */
  start(): void {
    this.timer ??= setInterval(() => void this.flush().catch((error: Error) => this.log.warn({ err: error }, 'counters not flushed: %s', error.message)), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * Stops the timer and flushes once more, so what this instance counted is in
   * the database when it exits. A flush already under way took its batch before
   * the last requests counted theirs: it is waited for, and then one more runs.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const unflushed = (error: Error) => this.log.warn({ err: error }, 'counters not flushed at shutdown (they stay in Redis): %s', error.message);
    await this.flushing?.catch(() => undefined);
    await this.flush().catch(unflushed);
  }

  /** Writes what Redis holds to the database; one flush at a time per instance. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const batchId = randomUUID();
    await this.redis.bendiTakeReadBatch(COUNTER_KEYS.pendingReads, COUNTER_KEYS.readBatch(batchId), COUNTER_KEYS.readBatches, batchId);
    for (const id of await this.redis.smembers(COUNTER_KEYS.readBatches)) await this.applyReadBatch(id);
    const items = await this.redis.bendiTakeChangedLikes(COUNTER_KEYS.likesChanged, COUNTER_KEYS.likesSettling);
    await this.countLikesAgain(items).catch(async (error: unknown) => {
      // Not counted: they are marked again for the next flush.
      if (items.length > 0) await this.redis.sadd(COUNTER_KEYS.likesChanged, ...items);
      throw error;
    });
    await this.pruneBatchIds();
  }

  private async applyReadBatch(batchId: string): Promise<void> {
    const reads = await this.redis.hgetall(COUNTER_KEYS.readBatch(batchId));
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const claimed = await trx.insertInto('counter_batches').values({ id: batchId, applied_at: now.toISOString() }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      // A batch holds about a second of reads, so it is counted on the day it is applied: at most
      // that second's reads land on the next day at midnight.
      await addReads(trx, Object.entries(reads).map(([articleId, count]) => [Number(articleId), Number(count)] as const), now);
    });
    await this.redis.multi().del(COUNTER_KEYS.readBatch(batchId)).srem(COUNTER_KEYS.readBatches, batchId).exec();
  }

  private async countLikesAgain(items: string[]): Promise<void> {
    const ids = { article: new Set<number>(), comment: new Set<number>() };
    for (const item of items) {
      const [target, id] = item.split(':');
      if ((target === 'article' || target === 'comment') && Number.isSafeInteger(Number(id))) ids[target].add(Number(id));
    }
    // Each in a transaction that first locks its rows in id order, as every other writer of several articles does.
    const recounts = [
      ['articles', 'article_likes', 'article_id', ids.article],
      ['comments', 'comment_likes', 'comment_id', ids.comment],
    ] as const;
    for (const [table, likes, likedId, recounted] of recounts) {
      if (recounted.size === 0) continue;
      await this.db.transaction().execute(async (trx) => {
        await lockRowsInIdOrder(trx, table, [...recounted]);
        await sql`update ${sql.table(table)} set like_count = (select count(*) from ${sql.table(likes)} where ${sql.ref(`${likes}.${likedId}`)} = ${sql.ref(`${table}.id`)}) where id in (${sql.join([...recounted])})`.execute(trx);
      });
    }
  }

  private async pruneBatchIds(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPrunedAt < 3_600_000) return;
    this.lastPrunedAt = now;
    await this.db.deleteFrom('counter_batches').where('applied_at', '<', new Date(now - BATCH_IDS_KEPT_MS).toISOString()).execute();
  }

  private async reachRedis<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw unavailable('engagement.counters_unavailable', error);
    }
  }
}
