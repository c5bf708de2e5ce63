import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, staffCookie } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';
import { preferredEncoding } from './compression.js';

describe('preferredEncoding', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    // A client that rates gzip higher gets gzip: q-values count, as in @fastify/compress.
    ['gzip, br;q=0.5', 'gzip'],
    ['gzip, br;q=0', 'gzip'],
    ['gzip, br; q=0', 'gzip'],
    ['br;q=0.0, gzip;q=0', 'identity'],
    ['GZIP', 'gzip'],
    ['deflate', 'identity'],
    // The aliases the plugin reads as gzip (RFC 9110 §8.4.1.3 and §12.5.3).
    ['brotli, x-gzip', 'gzip'],
    ['*', 'gzip'],
  ];
  for (const [header, expected] of cases) {
    it(`answers ${expected} to Accept-Encoding: ${header ?? '(none)'}`, () => {
      assert.equal(preferredEncoding({ headers: header === undefined ? {} : { 'accept-encoding': header } }), expected);
    });
  }
});

describeEachDatabase('compressed answers', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db, { pageCacheSeconds: 600 });
  });
  after(() => app.close());
  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  /** The body as the client reads it, after undoing the one content coding the answer names. */
  const decoded = (res: LightMyRequestResponse): string => {
    const encoding = res.headers['content-encoding'];
    if (encoding === 'br') return brotliDecompressSync(res.rawPayload).toString();
    if (encoding === 'gzip') return gunzipSync(res.rawPayload).toString();
    assert.equal(encoding, undefined);
    return res.body;
  };

  it('compresses every kind of text answer worth it, by what the client accepts', async () => {
    const cookie = await staffCookie(t.db);
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['/assets/site.css', {}, /body/],
      ['/assets/site.js', {}, /addEventListener/],
      ['/api/docs/json', {}, /"openapi"/],
      ['/admin/sign-in', {}, /登录/],
      ['/admin', { cookie }, /<!doctype html>/],
      ['/no/such/page', {}, /<!doctype html>/],
    ];
    for (const [url, headers, content] of cases) {
      for (const encoding of ['br', 'gzip']) {
        const res = await get(url, { ...headers, 'accept-encoding': encoding });
        assert.equal(res.headers['content-encoding'], encoding, url);
        assert.match(String(res.headers.vary), /accept-encoding/i, url);
        assert.match(decoded(res), content, url);
        assert.ok(res.rawPayload.length < decoded(res).length, `${url} is smaller`);
      }
      const plain = await get(url, headers);
      assert.equal(plain.headers['content-encoding'], undefined, `${url} without Accept-Encoding`);
      assert.match(plain.body, content);
    }
  });

  it('leaves answers under a kilobyte as they are', async () => {
    const res = await get('/healthz', { 'accept-encoding': 'gzip' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
  });

  it('compresses a page once, cached or built for one reader, and tags each coding apart', async () => {
    const article = await buildArticle(t.db);
    const cookie = await staffCookie(t.db);
    for (const headers of [{}, { cookie }] as Array<Record<string, string>>) {
      const tags = new Set<string>();
      for (const accept of ['br', 'gzip', 'gzip, br;q=0.5', 'x-gzip', '*', 'deflate', '']) {
        const res = await get(`/a/${article.id}`, { ...headers, 'accept-encoding': accept });
        const encoding = res.headers['content-encoding'] ?? 'identity';
        assert.equal(encoding, preferredEncoding({ headers: { 'accept-encoding': accept } }), accept);
        assert.ok(decoded(res).startsWith('<!doctype html>'), `${accept}: compressed once, not twice`);
        assert.ok(decoded(res).includes(article.title));
        const etag = String(res.headers.etag);
        assert.equal(etag.endsWith(`-${encoding}"`), encoding !== 'identity', `${accept}: the tag names the coding sent (${etag})`);
        tags.add(etag);
        const again = await get(`/a/${article.id}`, { ...headers, 'accept-encoding': accept, 'if-none-match': etag });
        assert.equal(again.statusCode, 304, `${accept}: 304 for the copy the client has`);
        assert.equal(again.rawPayload.length, 0);
      }
      assert.equal(tags.size, 3, 'one tag per coding: br, gzip, identity');
    }
  });
});
