import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { searchReindexSettled } from '../search/index.js';
import { buildArticle, buildCategory, signedInStaff } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDatabase('search page', (t) => {
  let app: FastifyInstance;
  before(async () => {
    // The page cache on, as in production: a search must follow a change at once all the same.
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });
  const search = (query: string, extra = '') => get(`/search?q=${encodeURIComponent(query)}${extra}`);
  /** Factories write to the database directly, where staff changes through the API would empty the page cache. */
  const build = async <T>(made: Promise<T>): Promise<T> => {
    const value = await made;
    await app.pageCache.clear();
    return value;
  };

  it('has a search box in the header of every page, in the page’s script', async () => {
    const home = await get('/');
    assert.match(home.body, /<form class="site-search" method="get" action="\/search" role="search">/);
    assert.match(home.body, /<input id="site-search-q" type="search" name="q"/);
    const hant = await get('/zh-hant/');
    assert.match(hant.body, /<form class="site-search" method="get" action="\/zh-hant\/search" role="search">/);
  });

  it('lists matching articles with the words marked, in both scripts, and hides them at once when withdrawn', async () => {
    const category = await build(buildCategory(t.db, { name: '乡镇' }));
    const article = await buildArticle(t.db, { categoryId: category.id, title: '沙湾镇<新>菜市场开业', bodyHtml: '<p>沙湾镇的居民 &amp; 商户都来了。</p>' });
    const res = await search('沙湾镇');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<a href="/a/${article.id}"><mark>沙湾镇</mark>&lt;新>菜市场开业</a>`));
    assert.match(res.body, /<mark>沙湾镇<\/mark>的居民 &amp; 商户都来了。/);
    assert.match(res.body, /<meta name="robots" content="noindex"\/>/);

    const hant = await get(`/zh-hant/search?q=${encodeURIComponent('沙灣鎮')}`);
    assert.equal(hant.statusCode, 200);
    assert.ok(hant.body.includes(`href="/zh-hant/a/${article.id}"`), 'a 繁體 query finds the simplified article');
    assert.ok(hant.body.includes('菜市場開業'), 'and shows it in 繁體');

    const { headers } = await signedInStaff(app, t.db, 'reviewer');
    const withdrawn = await app.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers, payload: { to: 'withdrawn', reason: '信息有误' } });
    assert.equal(withdrawn.statusCode, 200);
    const after = await search('沙湾镇');
    assert.ok(!after.body.includes(`/a/${article.id}"`), 'the cached result page is gone with the withdrawal');
    assert.match(after.body, /没有找到与“沙湾镇”相关的文章/);
  });

  it('reads a query sent in GBK, as links from an old portal’s pages send it', async () => {
    const category = await build(buildCategory(t.db));
    const article = await build(buildArticle(t.db, { categoryId: category.id, title: '溪口镇油菜花节开幕' }));
    // 溪口镇 in GBK.
    const res = await get('/search?q=%CF%AA%BF%DA%D5%F2');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>搜索：溪口镇 - /);
    assert.ok(res.body.includes(`href="/a/${article.id}"`), 'the article is found');
    assert.ok(res.body.includes(`href="/zh-hant/search?q=${encodeURIComponent('溪口镇')}"`), 'the page’s link to itself in 繁體 asks for 溪口镇 too, in UTF-8');
  });

  it('filters by category and date, and pages', async () => {
    const wanted = await build(buildCategory(t.db));
    const other = await build(buildCategory(t.db));
    const now = Date.now();
    const inWanted = await build(buildArticle(t.db, { categoryId: wanted.id, title: '双河口乡修路', publishedAt: new Date(now - 3 * 86_400_000) }));
    const inOther = await build(buildArticle(t.db, { categoryId: other.id, title: '双河口乡修桥' }));
    const byCategory = await search('双河口乡', `&c=${wanted.slug}`);
    assert.ok(byCategory.body.includes(`/a/${inWanted.id}"`) && !byCategory.body.includes(`/a/${inOther.id}"`));
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    const byDate = await search('双河口乡', `&from=${today}&to=${today}`);
    assert.ok(byDate.body.includes(`/a/${inOther.id}"`) && !byDate.body.includes(`/a/${inWanted.id}"`));
    const pastTheEnd = await search('双河口乡', '&page=99');
    assert.equal(pastTheEnd.statusCode, 200);
    assert.match(pastTheEnd.body, /这一页没有结果了/);
  });

  it('answers every odd query with a page, never an error of its own, and shows the query back escaped', async () => {
    const queries = ['', '镇', '😀😀', '，。！？', '"', '*', '-', 'NEAR', '(a OR b)', '"溪口" NEAR/2 *', "' OR 1=1; --", '"; DROP TABLE articles; --', '<script>alert(1)</script>', '<b onmouseover=x>'];
    for (const query of queries) {
      const res = await search(query);
      assert.equal(res.statusCode, 200, query);
      assert.ok(!res.body.includes('<script>alert(1)') && !res.body.includes('<b onmouseover'), query);
    }
    const markup = await search('<script>alert(1)</script>');
    assert.ok(markup.body.includes('value="&lt;script>alert(1)&lt;/script>"') || markup.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match((await search('😀😀')).body, /搜索词里没有可以查找的文字/);
    assert.match((await search('')).body, /请输入要找的词语/);
    assert.match((await search('某个不存在的词语')).body, /检查有没有错别字/);
  });

  it('refuses a 500-character query, an impossible date and a bad page with a Chinese message', async () => {
    const long = await search('青'.repeat(500));
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /搜索词太长了/);
    const date = await search('青溪', '&from=2026-02-30');
    assert.equal(date.statusCode, 400);
    assert.match(date.body, /日期有误/);
    assert.equal((await search('青溪', '&page=0')).statusCode, 400);
    assert.equal((await search('青溪', '&page=abc')).statusCode, 400);
  });

  it('lets admins extend the dictionary through the API, which re-indexes the articles with the word', async () => {
    const category = await build(buildCategory(t.db));
    const village = await build(buildArticle(t.db, { categoryId: category.id, title: '桐子坪村开会' }));
    const apart = await build(buildArticle(t.db, { categoryId: category.id, title: '桐子树下的坪' }));
    const found = async () => {
      const body = (await search('桐子坪', `&c=${category.slug}`)).body;
      return [village.id, apart.id].filter((id) => body.includes(`/a/${id}"`));
    };
    assert.deepEqual(await found(), [village.id, apart.id]);

    const editor = await signedInStaff(app, t.db, 'editor');
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/search/words', headers: editor.headers, payload: { words: ['桐子坪'] } })).statusCode, 403);
    const { headers } = await signedInStaff(app, t.db, 'admin');
    const refused = await app.inject({ method: 'POST', url: '/api/admin/search/words', headers, payload: { words: ['桐子 坪'] } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /每个词 2 到 20 个字/);
    const added = await app.inject({ method: 'POST', url: '/api/admin/search/words', headers, payload: { words: ['桐子坪'] } });
    assert.deepEqual(added.json(), { added: ['桐子坪'] });
    await searchReindexSettled(t.db);
    assert.deepEqual(await found(), [village.id]);

    const list = await app.inject({ method: 'GET', url: '/api/admin/search/words', headers });
    const entry = list.json().words.find((w: { word: string }) => w.word === '桐子坪');
    const page = await app.inject({ method: 'GET', url: '/admin/search-words', headers });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('桐子坪') && page.body.includes(`data-url="/api/admin/search/words/${entry.id}"`));
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/search/words/${entry.id}`, headers })).statusCode, 204);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/search/words/${entry.id}`, headers })).statusCode, 404);
    await searchReindexSettled(t.db);
    assert.deepEqual(await found(), [village.id, apart.id]);
  });

  it('drops a result page cached while a new word was being indexed once the indexing is done', async () => {
    const category = await build(buildCategory(t.db));
    // More articles than one batch of the re-indexing (50), which lets pages be answered between batches.
    for (let i = 0; i < 120; i++) await buildArticle(t.db, { categoryId: category.id, title: `龙潭坝第${i + 1}期加固` });
    await app.pageCache.clear();
    const total = async () => {
      const body = (await search('龙潭坝', `&c=${category.slug}`)).body;
      return Number(body.match(/找到 (\d+) 篇相关文章/)?.[1] ?? 0);
    };
    assert.equal(await total(), 120);

    const { headers } = await signedInStaff(app, t.db, 'admin');
    const added = await app.inject({ method: 'POST', url: '/api/admin/search/words', headers, payload: { words: ['龙潭坝'] } });
    assert.deepEqual(added.json(), { added: ['龙潭坝'] });
    // The query is cut as one word at once, while the articles are still indexed in two: this page finds fewer, and is kept.
    assert.ok((await total()) < 120, 'the page is built while the articles are re-indexed');
    await searchReindexSettled(t.db);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await total(), 120, 'once every article is indexed anew, the page kept meanwhile is gone');
  });
});
