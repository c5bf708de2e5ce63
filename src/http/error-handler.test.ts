import assert from 'node:assert/strict';
import { it } from 'node:test';
import Fastify, { LogController } from 'fastify';
import { unavailable } from '../lib/errors.js';
import { registerErrorHandling } from './error-handler.js';
import { UnavailableLog } from './unavailable-log.js';

it('logs an expected 503 at warn without a stack, a line per code per interval with a count, and every unexpected 500 in full', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const stream = {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  let now = Date.parse('2026-12-01T04:00:00Z');
  const app = Fastify({ logger: { level: 'info', stream }, logController: new LogController({ disableRequestLogging: true }) });
  registerErrorHandling(app, async (_request, reply, answer) => reply.code(answer.status).send(answer.message), undefined, new UnavailableLog(10_000, () => now));
  const redisDown = new Error('Command timed out');
  app.post('/api/reads', async () => Promise.reject(unavailable('engagement.counters_unavailable', redisDown)));
  app.post('/api/edits', async () => Promise.reject(unavailable('pages.change_not_announced', redisDown)));
  app.get('/api/broken', async () => Promise.reject(new TypeError('a bug')));
  try {
    // Redis down for a minute under load: 600 reads in 60 s, and an editor's two tries.
    for (let i = 0; i < 600; i++) {
      assert.equal((await app.inject({ method: 'POST', url: '/api/reads' })).statusCode, 503);
      if (i % 300 === 0) assert.equal((await app.inject({ method: 'POST', url: '/api/edits' })).statusCode, 503);
      now += 100;
    }
    const reads = lines.filter((line) => line.code === 'engagement.counters_unavailable');
    assert.equal(reads.length, 6, 'one line per 10 s');
    assert.deepEqual(reads.map((line) => line.answered), [1, 100, 100, 100, 100, 100]);
    assert.equal(reads[1]!.since, '2026-12-01T04:00:00.000Z', 'counted since the line before');
    assert.deepEqual(lines.filter((line) => line.code === 'pages.change_not_announced').map((line) => line.answered), [1, 1], 'each code its own lines');
    for (const line of [...reads, ...lines.filter((line) => line.code === 'pages.change_not_announced')]) {
      assert.equal(line.level, 40, 'warn');
      assert.equal(line.cause, 'Command timed out');
      assert.equal(line.err, undefined, 'no error object, so no stack');
    }
    assert.ok(raw.every((line) => !line.includes('at ')), 'no stack in any line');

    for (let i = 0; i < 2; i++) assert.equal((await app.inject('/api/broken')).statusCode, 500);
    const failed = lines.filter((line) => line.msg === 'request failed');
    assert.equal(failed.length, 2, 'every unexpected error is logged');
    for (const line of failed) {
      assert.equal(line.level, 50, 'error');
      assert.match(String((line.err as { stack?: string }).stack), /TypeError: a bug\n\s+at /);
    }
  } finally {
    await app.close();
  }
});
