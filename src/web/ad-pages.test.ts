// Ads on readers' pages: marked 「广告」, escaped, placed between paragraphs and below articles and on
// the home page, targeted by category, gone when expired, switched off, in gray mode, and in staff previews.
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AuditActor } from '../audit/index.js';
import { createAd, listAds, updateAd } from '../ads/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { saveSiteSettings } from '../site/index.js';
import { buildArticle, buildCategory, buildStaff, staffCookie, staffWithToken } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

const LONG_BODY = '<p>第一段。</p><blockquote><p>引文。</p></blockquote><p>第二段。</p><p>第三段。</p><p>第四段。</p>';

describeEachDatabase('ads on pages', (t) => {
  let app: FastifyInstance;
  let actor: AuditActor;
  before(async () => {
    app = await buildTestApp(t.db);
    const admin = await buildStaff(t.db, 'admin');
    actor = { id: admin.id, name: admin.username, ip: '127.0.0.1', ipRegion: null };
  });
  after(() => app.close());
  beforeEach(async () => {
    // Each test places its own ads.
    for (const ad of await listAds(t.db)) await updateAd(t.db, ad.id, { enabled: false }, actor, new Date());
    await saveSiteSettings(t.db, { adsEnabled: true, grayMode: 'off' }, new Date());
  });

  const page = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url, headers });
    assert.equal(res.statusCode, 200, url);
    return res.body;
  };
  const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
  const ad = (fields: Partial<Parameters<typeof createAd>[1]> = {}) =>
    createAd(t.db, { slot: 'home_banner', title: '溪口农家乐', body: '周末采摘八折', linkUrl: 'https://farm.example/', startsAt: hours(-1), ...fields }, actor, new Date());
  const slots = (html: string) => [...html.matchAll(/data-ad-slot="([a-z_]+)"/g)].map((m) => m[1]);

  it('marks every ad 「广告」, escapes what staff typed, and links through the site', async () => {
    const banner = await ad({ title: '<img src=x onerror=alert(1)>', body: '"><script>alert(2)</script>' });
    const html = await page('/');
    assert.deepEqual(slots(html), ['home_banner']);
    assert.match(html, /<span class="ad__label">广告<\/span>/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)>'));
    assert.ok(html.includes('&quot;>&lt;script>alert(2)&lt;/script>'));
    assert.ok(!html.includes('<script>alert(2)'));
    assert.ok(html.includes(`href="/ad/${banner.id}/click"`));
    assert.ok(html.includes('aria-label="关闭广告"'));
    assert.match(await page('/zh-hant/'), /<span class="ad__label">廣告<\/span>/);
  });

  it('puts the in-article ad after the third top-level paragraph and one below the article, by category', async () => {
    const news = await buildCategory(t.db, { name: '新闻' });
    const local = await buildCategory(t.db, { name: '本地', parentId: news.id });
    const other = await buildCategory(t.db, { name: '体育' });
    const inside = await buildArticle(t.db, { categoryId: local.id, bodyHtml: LONG_BODY });
    const elsewhere = await buildArticle(t.db, { categoryId: other.id, bodyHtml: LONG_BODY });
    await ad({ slot: 'in_article', title: '新闻栏目广告', categoryIds: [news.id] });
    await ad({ slot: 'below_article', title: '全站文末广告' });
    const html = await page(`/a/${inside.id}`);
    assert.deepEqual(slots(html), ['in_article', 'below_article']);
    const third = html.indexOf('<p>第三段。</p>');
    const slot = html.indexOf('data-ad-slot="in_article"');
    assert.ok(third > 0 && slot > third && slot < html.indexOf('<p>第四段。</p>'), 'between the third and the fourth paragraph');
    assert.deepEqual(slots(await page(`/a/${elsewhere.id}`)), ['below_article'], 'the 新闻 ad stays off 体育');
    const short = await buildArticle(t.db, { categoryId: local.id });
    assert.deepEqual(slots(await page(`/a/${short.id}`)), ['below_article'], 'no ad after the last paragraph');
  });

  it('shows no ad that has not started, has ended, or is switched off; rotates among the live ones by weight', async () => {
    await ad({ title: '未开始', startsAt: hours(1) });
    await ad({ title: '已结束', startsAt: hours(-3), endsAt: hours(-1) });
    await ad({ title: '已下线', enabled: false });
    assert.deepEqual(slots(await page('/')), []);
    await ad({ title: '甲', weight: 1 });
    await ad({ title: '乙', weight: 9 });
    const html = await page('/');
    assert.equal([...html.matchAll(/data-ad-weight="(\d+)"/g)].map((m) => m[1]).join(','), '9,1', 'both in the page, heaviest first');
    assert.equal([...html.matchAll(/class="ad" data-ad-id="\d+" data-ad-weight="\d+"( hidden)?/g)].filter((m) => !m[1]).length, 1, 'one shown');
  });

  it('shows no ads when they are switched off, in gray mode, or in a staff preview', async () => {
    await ad();
    await ad({ slot: 'below_article' });
    assert.deepEqual(slots(await page('/')), ['home_banner']);
    await saveSiteSettings(t.db, { adsEnabled: false }, new Date());
    assert.deepEqual(slots(await page('/')), []);
    await saveSiteSettings(t.db, { adsEnabled: true, grayMode: 'home' }, new Date());
    assert.deepEqual(slots(await page('/')), []);
    await saveSiteSettings(t.db, { grayMode: 'off' }, new Date());
    const draft = await buildArticle(t.db, { status: 'draft', publishedAt: null });
    const preview = await page(`/a/${draft.id}`, { cookie: await staffCookie(t.db) });
    assert.ok(preview.includes('当前页面为预览效果'));
    assert.deepEqual(slots(preview), []);
    const published = await buildArticle(t.db);
    assert.deepEqual(slots(await page(`/a/${published.id}`)), ['below_article']);
  });

  it('keeps pages with ads in the page cache, and an ad changed in /admin shows at the next request', async () => {
    const cached = await buildTestApp(t.db, { pageCacheSeconds: 3600 });
    try {
      const headers = (await staffWithToken(t.db, 'admin')).headers;
      const home = async () => (await cached.inject({ method: 'GET', url: '/' })).body;
      assert.deepEqual(slots(await home()), []);
      const created = await cached.inject({ method: 'POST', url: '/api/admin/ads', headers, payload: { slot: 'home_banner', title: '新广告', linkUrl: 'https://farm.example/', startsAt: hours(-1).toISOString() } });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(slots(await home()), ['home_banner']);
      await cached.inject({ method: 'PATCH', url: `/api/admin/ads/${created.json().id}`, headers, payload: { enabled: false } });
      assert.deepEqual(slots(await home()), []);
      await cached.inject({ method: 'PATCH', url: `/api/admin/ads/${created.json().id}`, headers, payload: { enabled: true } });
      await cached.inject({ method: 'PATCH', url: '/api/admin/settings', headers, payload: { adsEnabled: false } });
      assert.deepEqual(slots(await home()), [], 'the switch for all ads');
    } finally {
      await cached.close();
    }
  });
});
