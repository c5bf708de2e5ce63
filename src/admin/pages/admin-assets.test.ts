import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { buildTestApp } from '../../test-support/test-app.js';

describeEachDatabase('admin scripts and style', (t) => {
  let app: FastifyInstance;

  // How long starting takes next to the first bundling is measured in bench/admin-start.bench.ts, not timed here.
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());

  it('serves the bundles named in the pages, built on first use, cached for a year', async () => {
    const signIn = await app.inject({ method: 'GET', url: '/admin/sign-in' });
    const urls = [...signIn.body.matchAll(/(?:href|src)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    assert.equal(urls.length, 2, 'one stylesheet, one script');
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(res.headers['content-type']), url.includes('.css') ? /^text\/css/ : /^text\/javascript/);
      assert.ok(res.body.length > 1000, `${url} has content`);
    }
    const script = await app.inject({ method: 'GET', url: urls.find((u) => u.includes('.js'))! });
    assert.ok(script.body.includes('登录'), 'Chinese text is kept as UTF-8, not escaped');

    const editor = await app.inject({ method: 'GET', url: '/admin/assets/editor.js' });
    assert.equal(editor.headers['cache-control'], 'no-cache', 'an address without the current version is not kept');
    assert.ok(editor.body.includes('ProseMirror'), 'the editor bundle carries TipTap');
    assert.equal((await app.inject({ method: 'GET', url: '/admin/assets/../../package.json' })).statusCode, 404);
    assert.equal((await app.inject({ method: 'GET', url: '/admin/assets/other.js' })).statusCode, 404);
  });
});
