import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, staffCookie } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

/** What Mozilla Observatory checks, for every kind of response; `framing` 'self' for a staff view the admin's review page frames. */
function assertHardened(res: LightMyRequestResponse, what: string, framing: 'none' | 'self' = 'none'): void {
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['x-frame-options'], framing === 'none' ? 'DENY' : 'SAMEORIGIN', what);
  assert.ok(res.headers['permissions-policy'], what);
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.match(csp, new RegExp(`frame-ancestors '${framing}'`), what);
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*(unsafe-inline|\*|https?:)/, what);
  assert.ok(res.headers['referrer-policy'], what);
}

/**
 * A page that runs only script files: no inline script, no event-handler attribute, no javascript: URL.
 * JSON-LD is a data block, which browsers never run (and CSP does not govern), so it is the one inline <script> allowed.
 */
function assertNoInlineScript(html: string, what: string): void {
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (tag !== '<script type="application/ld+json">') assert.match(tag, /\bsrc="\/assets\//, `${what}: ${tag}`);
  }
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, what);
  assert.doesNotMatch(html, /javascript:/i, what);
}

describeEachDatabase('security headers', (t) => {
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
    proxied = await buildTestApp(t.db, { trustProxy: ['127.0.0.1'] });
  });
  after(async () => {
    await app.close();
    await proxied.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('sends a strict policy with every public page, its assets, errors and API answers', async () => {
    const article = await buildArticle(t.db);
    const home = await get('/');
    assert.equal(
      home.headers['content-security-policy'],
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    assert.equal(home.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    for (const url of ['/', `/a/${article.id}`, `/zh-hant/a/${article.id}`, '/no/such/page', '/c/news?page=0', '/assets/site.js', '/healthz', '/api/articles/999999/comments']) {
      assertHardened(await get(url), url);
    }
    assertHardened(await app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: {} }), 'POST /api/auth/sms-code');
  });

  it("lets the site's own review page frame a staff member's view of an article, and nothing frame a reader's", async () => {
    const draft = await buildArticle(t.db, { status: 'draft' });
    const staff = await get(`/a/${draft.id}`, { cookie: await staffCookie(t.db, 'reviewer') });
    assert.equal(staff.statusCode, 200);
    assertHardened(staff, 'a staff member on a draft', 'self');
    assertHardened(await get(`/a/${(await buildArticle(t.db)).id}`), 'a reader on a published article');
  });

  it('runs no inline script on public pages, the staff preview of a draft included', async () => {
    const article = await buildArticle(t.db);
    const draft = await buildArticle(t.db, { status: 'draft' });
    const cookie = await staffCookie(t.db);
    for (const [url, headers] of [
      ['/', {}],
      [`/a/${article.id}`, {}],
      [`/a/${draft.id}`, { cookie }],
      ['/no/such/page', {}],
    ] as const) {
      const res = await get(url, headers);
      assert.equal(res.statusCode, url === '/no/such/page' ? 404 : 200, url);
      assertHardened(res, url, 'cookie' in headers ? 'self' : 'none');
      assertNoInlineScript(res.body, url);
    }
  });

  it('keeps the admin its own policy, and Swagger UI its own', async () => {
    const admin = await get('/admin', { cookie: await staffCookie(t.db) });
    assert.equal(admin.statusCode, 200);
    assertHardened(admin, '/admin');
    assert.match(String(admin.headers['content-security-policy']), /img-src 'self' data: blob:/, 'no image from another host, even for staff');
    assert.equal(admin.headers['referrer-policy'], 'same-origin');
    const docs = await get('/api/docs');
    assert.equal(docs.statusCode, 200);
    const docsPolicy = String(docs.headers['content-security-policy']);
    assert.match(docsPolicy, /script-src 'self'/);
    assert.match(docsPolicy, /frame-ancestors 'none'/);
    assert.doesNotMatch(docsPolicy, /https:|validator\.swagger\.io/, 'Swagger UI loads nothing from other hosts either');
    assert.equal(docs.headers['x-content-type-options'], 'nosniff');
    const initializer = await get('/api/docs/static/swagger-initializer.js');
    assert.equal(initializer.statusCode, 200, 'the script Swagger UI runs is a file its policy allows');
  });

  it('asks for HTTPS only when the request came over HTTPS through a trusted proxy', async () => {
    const overHttps = { 'x-forwarded-proto': 'https' };
    assert.equal((await get('/')).headers['strict-transport-security'], undefined);
    assert.equal((await get('/', overHttps)).headers['strict-transport-security'], undefined, 'an untrusted client cannot claim HTTPS');
    const res = await proxied.inject({ method: 'GET', url: '/', headers: overHttps });
    assert.match(String(res.headers['strict-transport-security']), /^max-age=31536000/);
    assert.equal((await proxied.inject({ method: 'GET', url: '/' })).headers['strict-transport-security'], undefined);
  });

  it('marks every cookie Secure when the request came over HTTPS, and only then', async () => {
    const article = await buildArticle(t.db);
    const overHttps = { 'x-forwarded-proto': 'https' };
    const cookiesOf = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>) => {
      const res = await proxied.inject({ method, url, headers });
      assert.ok(res.statusCode < 400, url);
      return ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    };
    const set = [
      ...(await cookiesOf('GET', '/prefs/elder?on=1', overHttps)),
      ...(await cookiesOf('GET', '/prefs/elder?on=0', overHttps)),
      ...(await cookiesOf('POST', `/api/articles/${article.id}/reads`, overHttps)),
    ];
    assert.deepEqual(set.map((c) => c.split('=')[0]), ['bendi_elder', 'bendi_elder', 'bendi_v']);
    for (const cookie of set) assert.match(cookie, /; Secure\b/, cookie);
    for (const cookie of set) assert.match(cookie, /HttpOnly/, cookie);
    const plain = await cookiesOf('GET', '/prefs/elder?on=1', {});
    assert.doesNotMatch(plain.join('\n'), /Secure/, 'a plain-HTTP site keeps working');
  });
});
