import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import { connectRedis } from '../lib/redis.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { RedisGeneration } from './page-generation.js';

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
    const here = new RedisGeneration(mine, Fastify({ logger: false }).log, 20);
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

  it('announces a change to every instance sharing the counter', async () => {
    const here = new RedisGeneration(mine, Fastify({ logger: false }).log);
    const there = new RedisGeneration(other, Fastify({ logger: false }).log);
    const before = await there.current();
    await here.advance();
    assert.notEqual(await there.current(), before);
  });
});
