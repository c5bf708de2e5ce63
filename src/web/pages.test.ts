import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { saveSiteSettings } from '../site/index.js';
import { buildArticle, buildCategory } from '../test-support/factories.js';
import { assertPagerCountKeptUntilChange } from '../test-support/pager-count.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('home and category pages', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('shows the 头条 in the 焦点图, the recommended list and the latest of each section, and nothing unpublished', async () => {
    const section = await buildCategory(t.db, { name: '民生新闻' });
    const child = await buildCategory(t.db, { name: '社区', parentId: section.id });
    const headline = await buildArticle(t.db, { categoryId: child.id, title: '今日头条文章', flags: { headline: true } });
    const recommended = await buildArticle(t.db, { categoryId: child.id, title: '推荐的文章', flags: { recommended: true } });
    await buildArticle(t.db, { categoryId: child.id, title: '待审核的文章', status: 'pending' });
    await buildArticle(t.db, { categoryId: child.id, title: '已下架的文章', status: 'withdrawn' });
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`<a class="focus__link" href="/a/${headline.id}">`));
    assert.ok(res.body.includes('推荐阅读') && res.body.includes(`href="/a/${recommended.id}"`));
    assert.ok(res.body.includes('民生新闻'), 'the section shows the articles of its children');
    assert.doesNotMatch(res.body, /待审核的文章|已下架的文章/);
  });

  it('lists a category with its children, pinned first, in pages', async () => {
    await saveSiteSettings(t.db, { articlesPerPage: 2 }, new Date());
    const section = await buildCategory(t.db, { name: '生活' });
    const child = await buildCategory(t.db, { name: '美食', parentId: section.id });
    const now = Date.now();
    const titles = ['甲', '乙', '丙'];
    for (const [i, title] of titles.entries()) {
      await buildArticle(t.db, { categoryId: child.id, title: `美食${title}`, publishedAt: new Date(now - (i + 1) * 60_000) });
    }
    await buildArticle(t.db, { categoryId: section.id, title: '置顶公告', publishedAt: new Date(now - 3_600_000), flags: { pinned: true } });
    await buildArticle(t.db, { categoryId: child.id, title: '草稿文章', status: 'draft' });

    const first = await get(`/c/${section.slug}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /置顶公告[\s\S]*美食甲/);
    assert.doesNotMatch(first.body, /美食乙|草稿文章/);
    assert.ok(first.body.includes('第 1 / 2 页'));
    assert.ok(first.body.includes(`href="/c/${child.slug}"`), 'the section links its children');
    assert.ok(first.body.includes(`当前位置`));

    const second = await get(`/c/${section.slug}?page=2`);
    assert.match(second.body, /美食乙[\s\S]*美食丙/);
    assert.equal((await get(`/c/${section.slug}?page=3`)).statusCode, 404);
    assert.equal((await get(`/zh-hant/c/${section.slug}`)).statusCode, 200);
    await saveSiteSettings(t.db, { articlesPerPage: 20 }, new Date());
  });

  it('counts a section’s articles for its pager once for all its pages, until content changes', async () => {
    const section = await buildCategory(t.db, { name: '计数栏目' });
    await assertPagerCountKeptUntilChange(t.db, { pageUrl: (page) => `/c/${section.slug}?page=${page}`, addArticle: () => buildArticle(t.db, { categoryId: section.id }) });
  });

  it('answers 404 for an unknown category and 400 for a page that is not a number', async () => {
    assert.equal((await get('/c/no-such-category')).statusCode, 404);
    const bad = await get('/c/news?page=0');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /page 不能小于 1/);
  });

  it('answers unknown addresses with a 404 page in the reader\'s script', async () => {
    const res = await get('/zh-hant/no/such/page');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /<html lang="zh-Hant"/);
    assert.ok(res.body.includes('頁面不存在'));
  });

  it('turns the site grey on days of mourning, for the whole site or the home page only', async () => {
    const article = await buildArticle(t.db);
    await saveSiteSettings(t.db, { grayMode: 'home' }, new Date());
    assert.match((await get('/')).body, /<html lang="zh-Hans" class="gray"/);
    assert.doesNotMatch((await get(`/a/${article.id}`)).body, /class="gray"/);
    await saveSiteSettings(t.db, { grayMode: 'site' }, new Date());
    assert.match((await get(`/a/${article.id}`)).body, /class="gray"/);
    await saveSiteSettings(t.db, { grayMode: 'off' }, new Date());
    assert.doesNotMatch((await get('/')).body, /class="gray"/);
  });
});

describeEachDatabase('reader preferences and the page cache', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db, { pageCacheSeconds: 60, trustProxy: ['127.0.0.1'] });
  });
  after(() => app.close());
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('switches the elderly-friendly mode on and off with a link that works without JavaScript', async () => {
    const on = await get('/prefs/elder?on=1&next=%2Fzh-hant%2F');
    assert.equal(on.statusCode, 303);
    assert.equal(on.headers.location, '/zh-hant/');
    const cookie = String(on.headers['set-cookie']);
    assert.match(cookie, /bendi_elder=1/);
    assert.match((await get('/', { cookie: 'bendi_elder=1' })).body, /<html lang="zh-Hans" class="elder"/);
    assert.doesNotMatch((await get('/')).body, /class="elder"/, 'the cache keeps the two modes apart');
    const off = await get('/prefs/elder?on=0&next=/');
    assert.match(String(off.headers['set-cookie']), /bendi_elder=;/);
  });

  it('never redirects to another site', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/\t/evil.example', '/\n/evil.example']) {
      const res = await get(`/prefs/elder?on=1&next=${encodeURIComponent(next)}`);
      assert.equal(res.headers.location, '/', next);
    }
    const chinese = await get(`/prefs/elder?on=1&next=${encodeURIComponent('/c/本地?page=2')}`);
    assert.equal(chinese.statusCode, 303);
    assert.equal(chinese.headers.location, '/c/%E6%9C%AC%E5%9C%B0?page=2', 'a local path with Chinese in it is encoded, not a 500');
  });

  it('links a page to itself by its own address, never by what the first visitor appended to it', async () => {
    const article = await buildArticle(t.db);
    await app.pageCache.clear();
    await get(`/a/${article.id}?utm_source=%22INJECTED&comments=liked`);
    await get(`/a/${article.id}?utm_source=%22INJECTED`);
    const plain = (await get(`/a/${article.id}`)).body;
    assert.doesNotMatch(plain, /INJECTED/);
    assert.ok(plain.includes(`href="/zh-hant/a/${article.id}"`), 'the 繁體 link is the page’s own address');
    assert.ok((await get(`/a/${article.id}?comments=liked`)).body.includes(`href="/zh-hant/a/${article.id}?comments=liked"`), 'what the page reads stays');
    const search = (await get('/search?q=%E9%9D%92%E6%BA%AA&utm_medium=timeline')).body;
    assert.ok(search.includes('href="/zh-hant/search?q=%E9%9D%92%E6%BA%AA"'), 'the search stays, the noise goes');

    const offSite = await get('//evil.example/x');
    assert.equal(offSite.statusCode, 404);
    assert.doesNotMatch(offSite.body, /href="[^"]*\/\/evil\.example/, 'no link to another site on the site’s own page');

    await saveSiteSettings(t.db, { grayMode: 'home' }, new Date());
    await app.pageCache.clear();
    try {
      await get('/?x=1');
      assert.match((await get('/')).body, /<html lang="zh-Hans" class="gray"/, 'the home page is grey however it was first asked for');
    } finally {
      await saveSiteSettings(t.db, { grayMode: 'off' }, new Date());
      await app.pageCache.clear();
    }
  });

  it('serves readers a cached, compressed page with an ETag, and drops it when content changes', async () => {
    const article = await buildArticle(t.db, { title: '缓存前的标题' });
    const first = await get(`/a/${article.id}`, { 'accept-encoding': 'gzip, br' });
    assert.equal(first.headers['content-encoding'], 'br');
    assert.equal(first.headers['cache-control'], 'no-cache');
    const etag = String(first.headers.etag);
    assert.equal((await get(`/a/${article.id}`, { 'accept-encoding': 'gzip, br', 'if-none-match': etag })).statusCode, 304);

    await t.db.updateTable('articles').set({ status: 'withdrawn' }).where('id', '=', article.id).execute();
    assert.equal((await get(`/a/${article.id}`)).statusCode, 200, 'served from the cache until told');
    const noisy = await get(`/a/${article.id}?utm_source=wechat&r=${Math.random()}`, { 'accept-encoding': 'gzip, br' });
    assert.equal(noisy.statusCode, 200, 'parameters the page does not use neither fail nor miss the cache');
    assert.equal(noisy.headers.etag, etag);
    await app.pageCache.clear();
    assert.equal((await get(`/a/${article.id}`)).statusCode, 404, 'a withdrawn article leaves the cache with the change');
  });

  it('shows the site data of the moment in the header and footer, and marks the section each page is in', async () => {
    const category = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId: category.id });
    await saveSiteSettings(t.db, { siteName: '旧站名', servicePhone: '0570-1111111' }, new Date());
    await app.pageCache.clear();
    assert.match((await get(`/a/${article.id}`)).body, /site-brand__name">旧站名</);

    await saveSiteSettings(t.db, { siteName: '新站名', servicePhone: '0570-2222222' }, new Date());
    await app.pageCache.clear();
    // /t/%ZZ is an address the router cannot read: its page is made without the site's hooks, and still in its chrome.
    for (const path of [`/a/${article.id}`, `/c/${category.slug}`, '/', '/nope', '/t/%ZZ']) {
      const html = (await get(path)).body;
      assert.match(html, /site-brand__name">新站名</, path);
      assert.match(html, /0570-2222222/, `${path}: the footer too`);
      assert.doesNotMatch(html, /旧站名|0570-1111111/, path);
    }
    const current = async (path: string) => [...(await get(path)).body.matchAll(/<nav class="site-nav"[\s\S]*?<\/nav>/g)].map((m) => m[0].match(/aria-current="page">([^<]*)/)?.[1]);
    assert.deepEqual(await current(`/c/${category.slug}`), [category.name]);
    assert.deepEqual(await current('/'), ['首页']);
    assert.deepEqual(await current(`/a/${article.id}`), [undefined], 'an article is no section of the navigation');
    assert.deepEqual(await current('/t/%ZZ'), [undefined], 'nor an unreadable address');
  });

  it('answers every reader of a burst on a page just changed with the new page, whole and compressed, and a withdrawn one with 404 to all', async () => {
    const article = await buildArticle(t.db, { title: '改版前的标题' });
    await get(`/a/${article.id}`);
    await t.db.updateTable('articles').set({ title: '改版后的标题' }).where('id', '=', article.id).execute();
    await app.pageCache.clear();
    const burst = await Promise.all(Array.from({ length: 20 }, () => get(`/a/${article.id}`, { 'accept-encoding': 'br' })));
    assert.deepEqual(new Set(burst.map((r) => `${r.statusCode} ${r.headers.etag} ${r.headers['content-encoding']}`)).size, 1, 'the same page, tag and coding for all');
    assert.equal(burst[0]!.statusCode, 200);
    assert.match(brotliDecompressSync(burst[0]!.rawPayload).toString(), /改版后的标题/);

    await t.db.updateTable('articles').set({ status: 'withdrawn' }).where('id', '=', article.id).execute();
    await app.pageCache.clear();
    const gone = await Promise.all(Array.from({ length: 20 }, () => get(`/a/${article.id}`)));
    assert.deepEqual([...new Set(gone.map((r) => r.statusCode))], [404]);
    assert.ok(gone.every((r) => !r.body.includes('改版后的标题')));
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const probe = await buildTestApp(t.db, { trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    try {
      probe.get('/client-address', async (request) => request.ip);
      const ipSeen = async (remoteAddress: string) =>
        (await probe.inject({ url: '/client-address', remoteAddress, headers: { 'x-forwarded-for': '115.236.1.1' } })).body;
      assert.equal(await ipSeen('127.0.0.1'), '115.236.1.1');
      assert.equal(await ipSeen('10.2.3.4'), '115.236.1.1', 'a CIDR entry trusts its whole range');
      assert.equal(await ipSeen('203.0.113.9'), '203.0.113.9', 'anyone else is taken at their socket address');
    } finally {
      await probe.close();
    }
  });

  it('keeps pages for a few host names only, so made-up Host headers cannot flood the cache', async () => {
    const open = await buildTestApp(t.db, { pageCacheSeconds: 60, publicUrl: undefined });
    try {
      const cached = async (host: string) => (await open.inject({ url: '/', headers: { host } })).headers['cache-control'] === 'no-cache';
      assert.ok(await cached('news.example'));
      const madeUp = [];
      for (let i = 0; i < 12; i++) madeUp.push(await cached(`made-up-${i}.example`));
      assert.deepEqual(madeUp, [...Array(7).fill(true), ...Array(5).fill(false)], 'eight names in all are kept, the real one among them');
      assert.ok(await cached('news.example'));
    } finally {
      await open.close();
    }
  });

  it('caches the real domain even when made-up hosts came first, from its second request on', async () => {
    const open = await buildTestApp(t.db, { pageCacheSeconds: 60, publicUrl: undefined });
    try {
      for (let i = 0; i < 8; i++) await open.inject({ url: '/', headers: { host: `made-up-${i}.example` } });
      const real = async () => (await open.inject({ url: '/', headers: { host: 'news.example' } })).headers['cache-control'];
      assert.equal(await real(), 'private, no-store');
      assert.equal(await real(), 'no-cache');
      for (let i = 8; i < 40; i++) await open.inject({ url: '/', headers: { host: `made-up-${i}.example` } });
      assert.equal(await real(), 'no-cache', 'one-off names never push it out again');
    } finally {
      await open.close();
    }
  });

  it('with PUBLIC_URL set, caches and links only its origin, whatever the Host header says', async () => {
    const open = await buildTestApp(t.db, { pageCacheSeconds: 60, publicUrl: 'https://news.example' });
    try {
      for (let i = 0; i < 12; i++) {
        const res = await open.inject({ url: '/', headers: { host: `made-up-${i}.example` } });
        assert.equal(res.headers['cache-control'], 'no-cache');
        assert.match(res.body, /<link rel="canonical" href="https:\/\/news\.example\/"/);
        assert.doesNotMatch(res.body, /made-up/);
      }
    } finally {
      await open.close();
    }
  });

  it('serves the stylesheet and script with a year of caching', async () => {
    const home = (await get('/')).body;
    const css = /href="(\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
    assert.ok(css);
    const res = await get(css);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /max-age=31536000.*immutable|immutable.*max-age=31536000/);
  });
});
