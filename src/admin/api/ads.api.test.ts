// 广告 through the admin API: CRUD with its checks, the figures per day, and the click and view
// endpoints readers' pages use, counted once per view and never for crawlers.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { solidPng, temporaryStorage } from '../../media/testing.js';
import { buildCategory, staffCookie, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';

async function multipart(fields: Record<string, string | { data: Buffer; name: string; type: string }>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.data)], { type: value.type }), value.name);
  }
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } };
}

describeEachDatabase('ads through the admin API', (t) => {
  const storage = temporaryStorage();
  let app: FastifyInstance;
  let admin: Headers;
  let editor: Headers;

  before(async () => {
    app = await buildTestApp(t.db, { storage });
    admin = (await staffWithToken(t.db, 'admin')).headers;
    editor = (await staffWithToken(t.db, 'editor')).headers;
  });
  after(async () => {
    await app.close();
    storage.remove();
  });

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = admin) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const hourFromNow = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
  const create = async (fields: object = {}) => {
    const res = await api('POST', '/api/admin/ads', { slot: 'home_banner', title: '溪口农家乐', linkUrl: 'https://farm.example/', startsAt: hourFromNow(-1), ...fields });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number; kind: string; title: string; linkUrl: string };
  };
  const view = (adIds: number[], ip = '203.0.113.9', userAgent = BROWSER) =>
    app.inject({ method: 'POST', url: '/api/ads/views', payload: { adIds }, remoteAddress: ip, headers: { 'user-agent': userAgent } });
  const click = (id: number, token?: string, userAgent = BROWSER) =>
    app.inject({ method: 'GET', url: `/ad/${id}/click${token ? `?v=${token}` : ''}`, remoteAddress: '203.0.113.9', headers: { 'user-agent': userAgent } });
  const stats = async (id: number) => (await api('GET', `/api/admin/ads/${id}/stats`)).json().days as Array<{ day: string; impressions: number; clicks: number }>;

  it('creates, lists, changes and deletes ads, for admins only', async () => {
    const category = await buildCategory(t.db);
    const ad = await create({ body: '周末采摘八折', weight: 3, categoryIds: [category.id], endsAt: hourFromNow(48) });
    assert.equal(ad.kind, 'text');
    assert.equal((await api('GET', '/api/admin/ads', undefined, editor)).statusCode, 403);
    assert.equal((await api('POST', '/api/admin/ads', { slot: 'sidebar', title: 'x', linkUrl: 'https://a.example/', startsAt: hourFromNow(0) }, editor)).statusCode, 403);
    const listed = (await api('GET', '/api/admin/ads')).json().ads.find((a: { id: number }) => a.id === ad.id);
    assert.deepEqual([listed.categoryIds, listed.weight, listed.impressions, listed.clicks], [[category.id], 3, 0, 0]);
    const changed = await api('PATCH', `/api/admin/ads/${ad.id}`, { enabled: false, slot: 'below_article' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().enabled, changed.json().slot, changed.json().body], [false, 'below_article', '周末采摘八折']);
    assert.equal((await api('DELETE', `/api/admin/ads/${ad.id}`)).statusCode, 204);
    assert.equal((await api('GET', `/api/admin/ads/${ad.id}`)).statusCode, 404);
    assert.equal((await api('GET', `/api/admin/ads/${ad.id}/stats`)).statusCode, 404);
  });

  it('refuses javascript: and other links, an end before the start, an image that is not one, with Chinese messages', async () => {
    const bad: Array<[object, string, string, RegExp]> = [
      [{ linkUrl: 'javascript:alert(document.cookie)' }, 'ads.invalid_link', 'linkUrl', /只能是以 http:\/\/ 或 https:\/\/ 开头/],
      [{ linkUrl: 'data:text/html;base64,PHNjcmlwdD4=' }, 'ads.invalid_link', 'linkUrl', /javascript: 等其他写法一律不接受/],
      [{ startsAt: hourFromNow(5), endsAt: hourFromNow(1) }, 'ads.ends_before_start', 'endsAt', /结束时间必须晚于开始时间/],
      [{ mediaId: 987_654 }, 'ads.image_not_found', 'mediaId', /不在图片库里/],
      [{ title: '   ' }, 'ads.title_required', 'title', /请填写广告标题/],
      [{ slot: 'popup' }, 'request.invalid', 'slot', /./],
      [{ weight: 0 }, 'request.invalid', 'weight', /./],
    ];
    for (const [fields, code, field, message] of bad) {
      const res = await api('POST', '/api/admin/ads', { slot: 'home_banner', title: '广告', linkUrl: 'https://farm.example/', startsAt: hourFromNow(0), ...fields });
      assert.equal(res.statusCode, 400, `${JSON.stringify(fields)} ${res.body}`);
      assert.deepEqual([res.json().error, res.json().field], [code, field]);
      assert.match(res.json().message, message);
    }
    // An image ad's image is uploaded to the library, which takes only images.
    const notImage = await multipart({ alt: '广告图', file: { data: Buffer.from('<svg onload="alert(1)"></svg>'), name: 'ad.png', type: 'image/png' } });
    const refused = await app.inject({ method: 'POST', url: '/api/admin/media', payload: notImage.payload, headers: { ...admin, ...notImage.headers } });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error, 'media.unsupported_image');
    const png = await multipart({ alt: '广告图', file: { data: await solidPng(800, 200), name: 'ad.png', type: 'image/png' } });
    const uploaded = await app.inject({ method: 'POST', url: '/api/admin/media', payload: png.payload, headers: { ...admin, ...png.headers } });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const imageAd = await create({ mediaId: uploaded.json().id });
    assert.equal(imageAd.kind, 'image');
    const ad = await create({ endsAt: hourFromNow(3) });
    const moved = await api('PATCH', `/api/admin/ads/${ad.id}`, { startsAt: hourFromNow(4) });
    assert.equal(moved.json().error, 'ads.ends_before_start');
  });

  it('counts one impression per view and one click per view however often it is sent; crawlers count nothing', async () => {
    const ad = await create({ linkUrl: 'https://farm.example/spring?from=bendi' });
    const first = await view([ad.id]);
    assert.equal(first.statusCode, 200, first.body);
    const token = first.json().viewToken as string;
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    const flood = await Promise.all(Array.from({ length: 20 }, () => click(ad.id, token)));
    for (const res of flood) {
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, 'https://farm.example/spring?from=bendi');
    }
    assert.equal((await view([ad.id], '203.0.113.9', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).json().viewToken, null);
    assert.equal((await click(ad.id, token, 'Baiduspider+(+http://www.baidu.com/search/spider.htm)')).statusCode, 302);
    assert.equal((await click(ad.id)).statusCode, 302, 'a click without a view (no script) still goes through, uncounted');
    assert.equal((await click(ad.id, 'not-a-view')).statusCode, 302);
    const days = await stats(ad.id);
    assert.equal(days.length, 1);
    assert.deepEqual([days[0]!.impressions, days[0]!.clicks], [1, 1]);
    assert.match(days[0]!.day, /^\d{4}-\d{2}-\d{2}$/);
    const listed = (await api('GET', `/api/admin/ads/${ad.id}`)).json();
    assert.deepEqual([listed.impressions, listed.clicks], [1, 1]);
  });

  it('sends readers only to the stored link, and not at all for an ad withdrawn', async () => {
    const ad = await create({ linkUrl: 'https://farm.example/' });
    const res = await app.inject({ method: 'GET', url: `/ad/${ad.id}/click?url=https://evil.example/&to=https://evil.example/`, headers: { 'user-agent': BROWSER } });
    assert.equal(res.headers.location, 'https://farm.example/');
    assert.equal((await app.inject({ method: 'GET', url: `/ad/${ad.id}/click?v=<script>` })).statusCode, 400);
    await api('PATCH', `/api/admin/ads/${ad.id}`, { enabled: false });
    const withdrawn = await click(ad.id);
    assert.equal(withdrawn.statusCode, 404);
    assert.equal(withdrawn.headers.location, undefined);
  });

  it('counts nothing for signed-in staff looking over the site', async () => {
    const ad = await create();
    const staffView = await app.inject({ method: 'POST', url: '/api/ads/views', payload: { adIds: [ad.id] }, headers: { 'user-agent': BROWSER, cookie: await staffCookie(t.db, 'editor') } });
    assert.equal(staffView.json().viewToken, null);
    assert.deepEqual(await stats(ad.id), []);
  });

  it('refuses beacons that are no page view', async () => {
    for (const payload of [{ adIds: [] }, { adIds: [1, 2, 3, 4, 5, 6] }, { adIds: ['x'] }, {}]) {
      const res = await app.inject({ method: 'POST', url: '/api/ads/views', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
  });
});
