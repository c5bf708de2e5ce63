import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import { connectRedis } from '../lib/redis.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { startTcpProxy } from '../test-support/tcp-proxy.js';
import { RedisGeneration } from './page-generation.js';

/** Whether a call is answered (either way) before `ms` pass, or still waits: a lookup that waits on a stalled Redis takes its full command timeout (1 s). */
const settlesWithin = (call: Promise<unknown>, ms: number) =>
  Promise.race([call.then(() => 'answered', () => 'refused'), sleep(ms).then(() => 'waiting')]);

describe('RedisGeneration', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  let mine: Redis;
  let other: Redis;
  before(async () => {
    const keyPrefix = `test-${uniqueSuffix()}:`;
    mine = await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix });
    other = await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix });
  });
  after(async () => {
    await Promise.all([mine?.quit(), other?.quit()]);
  });

  it('never answers a caller with a GET sent before it called, though callers share GETs', async () => {
    const generation = new RedisGeneration(mine, Fastify({ logger: false }).log);
    const counter = (value: string) => value.split(':')[1];
    for (let i = 0; i < 200; i++) {
      const inFlight = generation.current();
      // Another instance's change, answered before the next caller arrives:
      const changed = String(await other.incr('bendi:page-generation'));
      const together = await Promise.all([generation.current(), generation.current(), generation.current()]);
      assert.deepEqual(together.map(counter), [changed, changed, changed], `round ${i}`);
      await inFlight;
    }
  });

  it('refuses to announce a change it cannot, and tells of one it owes at the next retry, though the connection never dropped', async () => {
    const here = new RedisGeneration(mine, Fastify({ logger: false }).log, { retryOwedMs: 20 });
    const there = new RedisGeneration(other, Fastify({ logger: false }).log);
    // A counter INCR cannot move stands for a Redis that does not answer while the connection stays up.
    await other.set('bendi:page-generation', 'stuck');
    await assert.rejects(here.announce());
    await here.advance();
    await other.set('bendi:page-generation', '41');
    const before = await there.current();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await other.get('bendi:page-generation'), '42', 'paid once, at the first retry after Redis answered again');
    assert.notEqual(await there.current(), before);
  });

  it('answers no generation while it owes a change, so that no page is kept that the change may have made stale, until the change is told', async () => {
    const here = new RedisGeneration(mine, Fastify({ logger: false }).log, { retryOwedMs: 20 });
    // INCR fails while GET answers: a page built across the change would otherwise be kept under the generation before it.
    await other.set('bendi:page-generation', 'stuck');
    await here.advance();
    await assert.rejects(here.current());
    await other.set('bendi:page-generation', '7');
    await sleep(100);
    assert.equal((await here.current()).split(':')[1], '8', 'told at the next retry, and answering again');
  });

  it('asks a stalled Redis once, fails the callers waiting on that lookup with it, then refuses at once, asking again at most once per backoff, until Redis answers', async () => {
    const redis = new URL(process.env.TEST_REDIS_URL!);
    const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const stalled = await connectRedis(`redis://127.0.0.1:${link.port}`, { keyPrefix: `test-${uniqueSuffix()}:` });
    const lookups = () => link.held().split('bendi:page-generation').length - 1;
    try {
      const backoffMs = 200;
      const generation = new RedisGeneration(stalled, Fastify({ logger: false }).log, { backoffMs });
      await generation.current();
      link.hang();
      const first = await Promise.allSettled([generation.current(), generation.current(), generation.current()]);
      assert.deepEqual(first.map((result) => result.status), ['rejected', 'rejected', 'rejected']);
      assert.equal(lookups(), 1, 'callers that came while the lookup was on its way share its failure, and ask no second time');

      const started = Date.now();
      let calls = 0;
      while (Date.now() - started < 1_500) {
        assert.equal(await settlesWithin(generation.current(), 100), 'refused', `call ${calls}: refused without waiting on Redis`);
        calls += 1;
        await sleep(10);
      }
      const windows = Math.ceil((Date.now() - started) / backoffMs);
      assert.ok(lookups() - 1 <= windows, `${lookups() - 1} lookups in ${windows} backoff windows`);
      assert.ok(lookups() - 1 < calls / 5, `${calls} calls, ${lookups() - 1} lookups`);

      link.resume();
      let answered = false;
      for (const deadline = Date.now() + 5_000; !answered && Date.now() < deadline; await sleep(20)) {
        answered = await generation.current().then(() => true, () => false);
      }
      assert.ok(answered, 'asked again, and answered, once Redis runs again');
    } finally {
      stalled.disconnect();
      await link.cut();
    }
  });

  it('announces a change to every instance sharing the counter', async () => {
    const here = new RedisGeneration(mine, Fastify({ logger: false }).log);
    const there = new RedisGeneration(other, Fastify({ logger: false }).log);
    const before = await there.current();
    await here.advance();
    assert.notEqual(await there.current(), before);
  });
});
