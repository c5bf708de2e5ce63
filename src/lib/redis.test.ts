import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueSuffix } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { startTcpProxy } from '../test-support/tcp-proxy.js';
import { connectRedis } from './redis.js';

describe('connectRedis', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  it('replaces a connection that stays open but answers nothing (half-open behind a relay) once its commands time out', async () => {
    const redis = new URL(process.env.TEST_REDIS_URL!);
    const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const client = await connectRedis(`redis://127.0.0.1:${link.port}`, { keyPrefix: `test-${uniqueSuffix()}:` });
    const events: string[] = [];
    for (const event of ['close', 'ready'] as const) client.on(event, () => events.push(event));
    client.on('error', () => undefined);
    try {
      // The relay keeps this connection open and passes nothing, while a new one would reach Redis.
      link.hang();
      link.open();
      const failures = new Set<string>();
      let answered = false;
      for (const deadline = Date.now() + 20_000; !answered && Date.now() < deadline; ) {
        answered = await client.ping().then(
          () => true,
          async (error: Error) => {
            failures.add(error.message);
            await sleep(100);
            return false;
          },
        );
      }
      assert.ok(failures.has('Command timed out'), [...failures].join(', '));
      assert.ok(answered, `answered again through a new connection (${[...failures].join(', ')})`);
      assert.deepEqual(events.slice(0, 2), ['close', 'ready'], 'the silent connection was dropped and a new one made');
    } finally {
      client.disconnect();
      await link.cut();
    }
  });
});
