import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/index.js';
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

  it('answers 400 naming the id for an API path whose id is not written as bendi writes ids', async () => {
    const article = await buildArticle(t.db);
    assert.equal((await app.inject(`/api/articles/${article.id}/comments`)).statusCode, 200);
    for (const id of [`0x${article.id.toString(16)}`, `+${article.id}`, `${article.id}.0`, `0${article.id}`, `${article.id}e0`]) {
      const res = await app.inject(`/api/articles/${encodeURIComponent(id)}/comments`);
      assert.equal(res.statusCode, 400, id);
      assert.deepEqual([res.json().error, res.json().field], ['request.invalid', 'id'], id);
    }
  });

  it('answers an address the router cannot read with a Chinese page or API error, never Fastify\'s English', async () => {
    const cases: Array<[string, number, string, RegExp]> = [
      ['/t/%ZZ', 400, 'request.unreadable_address', /网址有误/],
      ['/zh-hant/a/%E4', 400, 'request.unreadable_address', /網址有誤/],
      [`/t/${'a'.repeat(300)}`, 414, 'request.address_too_long', /网址太长了/],
      ['/api/articles/%ZZ/comments', 400, 'request.unreadable_address', /网址有误/],
    ];
    for (const [url, status, code, message] of cases) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['cache-control']), /no-store/, url);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      if (url.startsWith('/api/')) assert.deepEqual([res.json().error, /网址有误/.test(res.json().message)], [code, true], url);
      else {
        assert.match(res.body, message, url);
        assert.match(res.body, /<meta name="robots" content="noindex"/, url);
        assert.doesNotMatch(res.body, /FST_ERR/, url);
      }
    }
  });

  it('makes an unreadable address\'s page for the site\'s address, whatever Host was sent, as every other page', async () => {
    for (const host of ['evil.example', 'a b']) {
      const res = await app.inject({ url: '/t/%ZZ', headers: { host } });
      assert.equal(res.statusCode, 400, host);
      assert.match(res.body, /网址有误/, host);
      assert.match(res.body, /https:\/\/news\.example/, `${host}: links on PUBLIC_URL`);
      assert.doesNotMatch(res.body, /evil\.example/, host);
    }
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

  it('gives every shown time a valid datetime, the instant in Beijing time', async () => {
    const publishedAt = new Date('2026-11-30T16:05:09Z');
    const article = await buildArticle(t.db, { publishedAt });
    const admin = await staffCookie(t.db, 'admin');
    await recordAudit(t.db, { actor: { id: null, name: '测试', ip: null, ipRegion: null }, action: 'test.time' }, publishedAt);
    const pages: Array<[string, Record<string, string>]> = [
      ['/', {}],
      [`/a/${article.id}`, {}],
      ['/admin/articles', { cookie: admin }],
      ['/admin/audit', { cookie: admin }],
      ['/admin/comments?status=published', { cookie: admin }],
    ];
    for (const [url, headers] of pages) {
      const res = await app.inject({ url, headers });
      assert.equal(res.statusCode, 200, url);
      const times = res.body.match(/<time\b[^>]*>[^<]*<\/time>/g) ?? [];
      if (url !== '/admin/comments?status=published') assert.ok(times.length > 0, url);
      for (const time of times) assert.match(time, /^<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00"( data-relative)?>[^<]+<\/time>$/, `${url}: ${time}`);
    }
    const page = (await app.inject(`/a/${article.id}`)).body;
    assert.ok(page.includes('<time datetime="2026-12-01T00:05:09+08:00" data-relative>2026年12月1日 00:05</time>'));
  });
});
