import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, staffCookie } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('addresses, methods and error pages', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());

  it('answers a wrong method on an existing path with 405 and Allow, and an unknown path with 404', async () => {
    const article = await buildArticle(t.db);
    const cases: Array<[string, string, string]> = [
      ['POST', '/', 'GET, HEAD'],
      ['DELETE', `/a/${article.id}`, 'GET, HEAD'],
      ['PUT', '/zh-hant/', 'GET, HEAD'],
      ['GET', '/api/auth/sms-code', 'POST'],
      ['DELETE', `/api/articles/${article.id}/comments`, 'GET, HEAD, POST'],
      ['POST', '/assets/site.css', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await app.inject({ method: method as 'GET', url });
      assert.equal(res.statusCode, 405, `${method} ${url}`);
      assert.equal(res.headers.allow, allow, `${method} ${url}`);
      assert.match(String(res.headers['cache-control']), /no-store/);
      if (url.startsWith('/api/')) assert.equal(res.json().error, 'request.method_not_allowed');
      else assert.match(res.body, /这个地址不支持|這個地址不支持/);
    }
    assert.equal((await app.inject({ method: 'POST', url: '/no/such/page' })).statusCode, 404);
    assert.equal((await app.inject({ method: 'HEAD', url: `/a/${article.id}` })).statusCode, 200);
  });

  it('answers 404 for an article id not written as bendi writes ids', async () => {
    const article = await buildArticle(t.db);
    assert.equal((await app.inject(`/a/${article.id}`)).statusCode, 200);
    const hex = `0x${article.id.toString(16)}`;
    for (const id of ['abc', hex, `+${article.id}`, `${article.id}.0`, `0${article.id}`, `${article.id}e0`, ' 1', '0', '-1', '99999999999', '2147483648']) {
      for (const prefix of ['', '/zh-hant']) {
        const url = `${prefix}/a/${encodeURIComponent(id)}`;
        const res = await app.inject(url);
        assert.equal(res.statusCode, 404, url);
      }
    }
    const cookie = await staffCookie(t.db);
    assert.equal((await app.inject({ url: `/admin/articles/${hex}/edit`, headers: { cookie } })).statusCode, 404);
    assert.equal((await app.inject({ url: `/admin/articles/${article.id}/edit`, headers: { cookie } })).statusCode, 200);
  });

  it('gives error pages no canonical or alternate-language links', async () => {
    for (const url of ['/no/such/page', '/zh-hant/no/such/page', '/a/abc', '/c/news?page=0']) {
      const res = await app.inject(url);
      assert.ok(res.statusCode >= 400, url);
      assert.doesNotMatch(res.body, /rel="canonical"|rel="alternate"|og:url/, url);
      assert.match(res.body, /<meta name="robots" content="noindex"/, url);
    }
    assert.match((await app.inject('/')).body, /rel="canonical"/, 'real pages keep theirs');
  });
});
