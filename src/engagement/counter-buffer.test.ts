// Reads and likes counted in Redis by several instances and written to the database in batches:
// exact totals however the requests race, and no batch lost or added twice when an instance dies mid-flush.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import { setTimeout } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Redis } from 'ioredis';
import { describeEachDatabase } from '../db/testing.js';
import { connectRedis } from '../lib/redis.js';
import { sumDailyReads } from '../test-support/daily-reads.js';
import { buildArticle, uniqueSuffix } from '../test-support/factories.js';
import { ipv6Network } from '../test-support/ipv6-network.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { startTcpProxy } from '../test-support/tcp-proxy.js';
import { buildTestApp } from '../test-support/test-app.js';
import { COUNTER_KEYS, CounterBuffer } from './counter-buffer.js';
import { READ_VISITORS_PER_ADDRESS, READ_WINDOW_MINUTES } from './reads.js';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50';

describe('reads and likes buffered in Redis', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  describeEachDatabase('two instances sharing Redis', (t) => {
    let redisA: Redis;
    let redisB: Redis;
    let redisFlusher: Redis;
    let a: FastifyInstance;
    let b: FastifyInstance;
    /** Any instance's flush: what the tests wait for instead of the instances' one-second timers. */
    let flusher: CounterBuffer;
    let keyPrefix: string;

    before(async () => {
      // Each run its own keys: other test files may share this Redis.
      keyPrefix = `test-${uniqueSuffix()}:`;
      const connect = () => connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix });
      [redisA, redisB, redisFlusher] = await Promise.all([connect(), connect(), connect()]);
      a = await buildTestApp(t.db, { redis: redisA });
      b = await buildTestApp(t.db, { redis: redisB });
      await Promise.all([a.ready(), b.ready()]);
      flusher = new CounterBuffer(redisFlusher, t.db, () => new Date(), a.log);
    });
    after(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await Promise.all([redisA?.quit(), redisB?.quit(), redisFlusher?.quit()]);
    });

    const instances = () => [a, b];
    const read = (app: FastifyInstance, articleId: number, visitor: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: `/api/articles/${articleId}/reads`, headers: { 'user-agent': BROWSER, cookie: `bendi_v=${visitor}` }, remoteAddress });
    const counted = (answers: LightMyRequestResponse[]) => answers.filter((r) => r.statusCode === 200 && r.json().counted === true).length;
    const storedCounts = async (articleId: number) =>
      t.db.selectFrom('articles').select(['read_count', 'like_count']).where('id', '=', articleId).executeTakeFirstOrThrow();
    const visitorId = (n: number) => `visitor-${uniqueSuffix()}-${String(n).padStart(4, '0')}`;

    it('counts each visitor once over both instances, and the database gets exactly that many', async () => {
      const article = await buildArticle(t.db);
      const visitors = Array.from({ length: 60 }, (_, n) => ({ id: visitorId(n), address: `203.0.113.${n + 1}` }));
      // Every visitor twice at once, once on each instance.
      const answers = await Promise.all(visitors.flatMap((v) => instances().map((app) => read(app, article.id, v.id, v.address))));
      assert.ok(answers.every((r) => r.statusCode === 200), answers.find((r) => r.statusCode !== 200)?.body);
      assert.equal(counted(answers), 60);
      // No check on the counts in the answers: a read answered while another instance writes a batch sees
      // that batch in neither the database nor Redis (reads.ts says so); the totals below are what must be exact.
      await flusher.flush();
      assert.equal((await storedCounts(article.id)).read_count, 60);
      await flusher.flush();
      assert.equal((await storedCounts(article.id)).read_count, 60, 'a second flush adds nothing');
      assert.equal(await sumDailyReads(t.db, article.id), 60, 'the reads per day agree with the total');
      assert.equal(await redisFlusher.exists(COUNTER_KEYS.pendingReads), 0);
      assert.equal(await redisFlusher.scard(COUNTER_KEYS.readBatches), 0);
    });

    it('lets one address, or the addresses of one IPv6 /64, bring exactly the bound of new visitors, counted over both instances', async () => {
      const address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
      for (const from of [() => address, ipv6Network()]) {
        const article = await buildArticle(t.db);
        const answers = await Promise.all(Array.from({ length: READ_VISITORS_PER_ADDRESS + 30 }, (_, n) => read(instances()[n % 2]!, article.id, visitorId(n), from())));
        assert.equal(counted(answers), READ_VISITORS_PER_ADDRESS, from());
        await flusher.flush();
        assert.equal((await storedCounts(article.id)).read_count, READ_VISITORS_PER_ADDRESS);
      }
    });

    it('writes at stop the reads counted while a flush was under way', async () => {
      const article = await buildArticle(t.db);
      const stopping = new CounterBuffer(redisFlusher, t.db, () => new Date(), a.log);
      const read = (n: number) =>
        stopping.countRead({ articleId: article.id, visitor: visitorId(n), ip: `192.0.2.${100 + n}`, windowMs: READ_WINDOW_MINUTES * 60_000, visitorsPerAddress: READ_VISITORS_PER_ADDRESS }, new Date());
      // Addresses no other test here brings visitors from: the test above fills a random 198.51.100.x to its bound.
      await read(1);
      // The timer's flush has taken its batch when SIGTERM comes; the last request in flight counts after it.
      const underWay = stopping.flush();
      assert.equal((await read(2)).counted, true);
      await stopping.stop();
      await underWay;
      assert.equal((await storedCounts(article.id)).read_count, 2);
    });

    it('adds a batch once when an instance died mid-flush, before or after writing it', async () => {
      const article = await buildArticle(t.db);
      // Died after writing the batch to the database, before deleting it from Redis.
      const written = `batch-${uniqueSuffix()}`;
      await redisFlusher.multi().hset(COUNTER_KEYS.readBatch(written), String(article.id), '7').sadd(COUNTER_KEYS.readBatches, written).exec();
      await t.db.insertInto('counter_batches').values({ id: written, applied_at: new Date().toISOString() }).execute();
      // Died after taking the batch from the pending reads, before writing it.
      const taken = `batch-${uniqueSuffix()}`;
      await redisFlusher.multi().hset(COUNTER_KEYS.readBatch(taken), String(article.id), '5').sadd(COUNTER_KEYS.readBatches, taken).exec();

      await flusher.flush();
      assert.equal((await storedCounts(article.id)).read_count, 5, 'the written batch is not added again; the taken one is added');
      assert.equal(await redisFlusher.exists(COUNTER_KEYS.readBatch(written), COUNTER_KEYS.readBatch(taken)), 0);
      await flusher.flush();
      assert.equal((await storedCounts(article.id)).read_count, 5);
      assert.equal(await sumDailyReads(t.db, article.id), 5);
    });

    it('keeps one like per reader over both instances and sets the counter from the rows', async () => {
      const article = await buildArticle(t.db);
      const readers = await signInReaders(a, 30);
      const like = (app: FastifyInstance, cookie: string, method: 'PUT' | 'DELETE') =>
        app.inject({ method, url: `/api/articles/${article.id}/like`, headers: { cookie, 'user-agent': BROWSER } });
      // Each reader likes on both instances at once; then a third of them take it back, also on both.
      const likes = await Promise.all(readers.flatMap((cookie) => instances().map((app) => like(app, cookie, 'PUT'))));
      assert.ok(likes.every((r) => r.statusCode === 200), likes.find((r) => r.statusCode !== 200)?.body);
      const unliked = await Promise.all(readers.slice(0, 10).flatMap((cookie) => instances().map((app) => like(app, cookie, 'DELETE'))));
      assert.ok(unliked.every((r) => r.statusCode === 200));
      const last = await like(b, readers[29]!, 'PUT');
      assert.equal(last.json().likes, 20, 'the answer counts the rows');
      await flusher.flush();
      // An instance's own timer may have taken the changed likes an instant before this flush, and still be counting them.
      for (let waited = 0; (await storedCounts(article.id)).like_count !== 20 && waited < 5_000; waited += 50) await setTimeout(50);
      assert.equal((await storedCounts(article.id)).like_count, 20);
      // The second pass: counted again at the next flush, still from the rows.
      await flusher.flush();
      assert.equal((await storedCounts(article.id)).like_count, 20);
      assert.equal(await redisFlusher.scard(COUNTER_KEYS.likesSettling), 0);
    });

    it('refuses reads and likes with 503 while its Redis is lost, keeps what Redis holds, and counts again once back', async () => {
      const article = await buildArticle(t.db);
      const [reader] = await signInReaders(a, 1);
      assert.equal((await read(b, article.id, visitorId(1), '192.0.2.10')).json().counted, true);
      const ended = once(redisB, 'end');
      redisB.disconnect();
      await ended;
      try {
        const refused = await read(b, article.id, visitorId(2), '192.0.2.11');
        assert.equal(refused.statusCode, 503);
        assert.equal(refused.json().message, '阅读和点赞暂时无法记录，请稍后再试。');
        const like = await b.inject({ method: 'PUT', url: `/api/articles/${article.id}/like`, headers: { cookie: reader!, 'user-agent': BROWSER } });
        assert.equal(like.statusCode, 503);
        const rows = await t.db.selectFrom('article_likes').select('reader_id').where('article_id', '=', article.id).execute();
        assert.deepEqual(rows, [], 'a refused like writes nothing');
      } finally {
        await redisB.connect();
      }
      assert.equal((await read(b, article.id, visitorId(3), '192.0.2.12')).json().counted, true);
      await flusher.flush();
      assert.equal((await storedCounts(article.id)).read_count, 2, 'the read counted before the loss and the one after');
    });

    it('counts a read refused with 503 while Redis stalled at most once: the script Redis runs late, and the reader\'s retry, count one read', async () => {
      const redis = new URL(process.env.TEST_REDIS_URL!);
      const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      const redisStalled = await connectRedis(`redis://127.0.0.1:${link.port}`, { keyPrefix });
      try {
        const article = await buildArticle(t.db);
        const visit = { articleId: article.id, visitor: visitorId(1), ip: '192.0.2.20', windowMs: READ_WINDOW_MINUTES * 60_000, visitorsPerAddress: READ_VISITORS_PER_ADDRESS };
        link.hang();
        await assert.rejects(new CounterBuffer(redisStalled, t.db, () => new Date(), a.log).countRead(visit, new Date()), { code: 'engagement.counters_unavailable' });
        assert.equal((await flusher.countRead(visit, new Date())).counted, true, 'the retry, through another connection, counts');
        // Redis runs again, and with it the script sent before the 503: the visitor's mark refuses it.
        link.resume();
        await redisStalled.ping();
        await flusher.flush();
        assert.equal((await storedCounts(article.id)).read_count, 1);
      } finally {
        redisStalled.disconnect();
        await link.cut();
      }
    });

    /** Signs readers in through the SMS code, each from its own address so no sending limit is reached. */
    async function signInReaders(app: FastifyInstance, count: number): Promise<string[]> {
      const serial = uniqueSuffix().slice(0, 4);
      return Promise.all(
        Array.from({ length: count }, async (_, n) => {
          const phone = `137${String(Number.parseInt(serial, 16) % 10_000).padStart(4, '0')}${String(n).padStart(4, '0')}`;
          const remoteAddress = `10.${n}.${Number.parseInt(serial, 16) % 250}.1`;
          const sent = await app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone }, remoteAddress });
          assert.equal(sent.statusCode, 202, sent.body);
          const code = fs
            .readFileSync(app.smsOutboxFile, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { phone: string; code: string })
            .findLast((line) => line.phone === phone)?.code;
          const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone, code }, remoteAddress });
          assert.equal(signedIn.statusCode, 200, signedIn.body);
          return String(signedIn.headers['set-cookie']).split(';')[0]!;
        }),
      );
    }
  });
});
