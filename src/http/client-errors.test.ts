import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { buildTestApp } from '../test-support/test-app.js';

/** Sends raw bytes to the app and reads until it closes the connection (or `waitMs` passes): what a client that is not a browser sees. */
async function rawExchange(port: number, bytes: string, waitMs = 5_000): Promise<{ answer: string; closed: boolean }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(bytes);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
  const closed = await Promise.race([
    once(socket, 'close').then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs)),
  ]);
  socket.destroy();
  return { answer, closed };
}

describeEachDatabase('requests Node or the router cannot read', (t) => {
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    // No PUBLIC_URL, so origins come from the Host header; a short idle bound, so a stalled client is seen cut off.
    app = await buildTestApp(t.db, { publicUrl: undefined, idleSocketMs: 500 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  after(() => app.close());

  it('answers a missing or invalid Host with 400 in Chinese, never a 500', async () => {
    for (const host of ['[::1', 'a:99999', 'a b', 'a/b', 'user@a']) {
      // An address the router cannot read is answered before the hooks, and must check the Host as they do.
      for (const url of ['/', '/t/%ZZ']) {
        const res = await app.inject({ url, headers: { host } });
        assert.equal(res.statusCode, 400, `${host} ${url}`);
        assert.match(res.body, /Host 请求头/, `${host} ${url}`);
      }
    }
    const http10 = await rawExchange(port, 'GET / HTTP/1.0\r\n\r\n');
    assert.match(http10.answer, /^HTTP\/1\.1 400 /);
    assert.match(http10.answer, /Host 请求头/);
    assert.equal((await app.inject({ url: '/', headers: { host: 'news.example:8080' } })).statusCode, 200);
  });

  it('answers headers too large, a malformed request and a stalled body in Chinese, and cuts the stalled client off', async () => {
    const huge = await rawExchange(port, `GET / HTTP/1.1\r\nHost: a\r\nCookie: ${'x'.repeat(20_000)}\r\n\r\n`);
    assert.match(huge.answer, /^HTTP\/1\.1 431 /);
    assert.match(huge.answer, /Cookie 太多/);
    const malformed = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n');
    assert.match(malformed.answer, /^HTTP\/1\.1 400 /);
    assert.match(malformed.answer, /服务器无法读取/);
    // Headers and one byte of a body of 100, then nothing: one such connection per file descriptor once stopped the server.
    const stalled = await rawExchange(port, 'POST /api/auth/sms-code HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    assert.equal(stalled.closed, true, 'the stalled connection is closed');
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  });
});
