import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('the public stylesheet and script', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('are kept for a year only under the address that names their current version', async () => {
    const home = (await get('/')).body;
    const urls = [...home.matchAll(/(?:href|src)="(\/assets\/site\.(?:css|js)\?v=[0-9a-f]+)"/g)].map((m) => m[1]!);
    assert.equal(urls.length, 2, 'the home page links both');
    for (const url of urls) {
      const current = await get(url);
      assert.equal(current.statusCode, 200, url);
      assert.equal(current.headers['cache-control'], 'public, max-age=31536000, immutable', url);
      const path = url.split('?')[0]!;
      for (const other of [path, `${path}?v=0123456789`, `${path}?v=`]) {
        const res = await get(other);
        assert.equal(res.statusCode, 200, other);
        assert.equal(res.headers['cache-control'], 'no-cache', `${other}: another version is served, but never pinned`);
        assert.equal(res.body, current.body);
      }
    }
    assert.match(String((await get(urls[0]!)).headers['content-type']), /^text\/(css|javascript); charset=utf-8$/);
  });

  it('answer 304 to a browser asking again with the tag it has', async () => {
    const first = await get('/assets/site.css');
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"[0-9a-f]+"$/, 'weak: the bytes differ per content coding');
    const again = await get('/assets/site.css', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal((await get('/assets/site.css', { 'if-none-match': 'W/"older"' })).statusCode, 200);
  });

  it('answer 404 for any other file', async () => {
    for (const url of ['/assets/other.css', '/assets/../package.json', '/assets/%2e%2e%2fpackage.json', '/assets/']) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });
});
