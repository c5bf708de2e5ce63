import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Element } from '@xmldom/xmldom';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, buildCategory, staffWithToken } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';
import { parseXml } from '../test-support/xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** W3C Datetime (the profile of ISO 8601 sitemaps.org names): a date, or a date and time with a zone. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const PART_SIZE = 3;

const elements = (parent: Element, name: string, ns: string) => Array.from(parent.getElementsByTagNameNS(ns, name));
const textOf = (parent: Element, name: string, ns = SITEMAP_NS) => elements(parent, name, ns)[0]?.textContent ?? undefined;

/** sitemaps.org: well-formed, in the 0.9 namespace, at most PART_SIZE (here) <loc>s, absolute on this site, lastmod a W3C datetime. */
function assertSitemap(xml: string, root: 'urlset' | 'sitemapindex', maxUrls = 50_000): string[] {
  const doc = parseXml(xml);
  assert.equal(doc.localName, root);
  assert.equal(doc.namespaceURI, SITEMAP_NS);
  const entries = elements(doc, root === 'urlset' ? 'url' : 'sitemap', SITEMAP_NS);
  assert.ok(entries.length <= maxUrls, `${entries.length} URLs in one file`);
  return entries.map((entry) => {
    const loc = textOf(entry, 'loc')!;
    assert.match(loc, /^https:\/\/news\.example\//);
    const lastmod = textOf(entry, 'lastmod');
    if (lastmod !== undefined) assert.match(lastmod, W3C_DATETIME);
    return loc;
  });
}

describeEachDatabase('sitemaps, robots.txt, icons', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db, { sitemapPartSize: PART_SIZE, pageCacheSeconds: 60 });
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });

  /** Every URL the sitemap index leads to, part by part. */
  async function allSitemapUrls(): Promise<string[]> {
    const index = await get('/sitemap.xml');
    assert.equal(index.statusCode, 200);
    assert.match(String(index.headers['content-type']), /^application\/xml/);
    const parts = assertSitemap(index.body, 'sitemapindex');
    const urls: string[] = [];
    for (const part of parts) {
      const res = await get(new URL(part).pathname);
      assert.equal(res.statusCode, 200, part);
      if (part.endsWith('/news.xml')) continue;
      urls.push(...assertSitemap(res.body, 'urlset', PART_SIZE));
    }
    return urls;
  }

  it('lists the home page, categories and every visible article, split into parts of at most the part size', async () => {
    const category = await buildCategory(t.db);
    const articles = [];
    for (let i = 0; i < 7; i += 1) articles.push(await buildArticle(t.db, { categoryId: category.id }));
    const hidden = await buildArticle(t.db, { categoryId: category.id, status: 'pending' });
    const urls = await allSitemapUrls();
    assert.ok(urls.includes('https://news.example/'));
    assert.ok(urls.includes(`https://news.example/c/${category.slug}`));
    for (const a of articles) assert.ok(urls.includes(`https://news.example/a/${a.id}`), `article ${a.id}`);
    assert.ok(!urls.includes(`https://news.example/a/${hidden.id}`));
    assert.equal(new Set(urls).size, urls.length, 'no URL twice');

    const first = parseXml((await get('/sitemaps/articles-1.xml')).body);
    const alternates = elements(first, 'link', XHTML_NS).map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`);
    assert.ok(alternates.some((a) => /^zh-Hant https:\/\/news\.example\/zh-hant\/a\/\d+$/.test(a)), 'each article names its 繁體 twin');
    assert.equal((await get('/sitemaps/articles-999.xml')).statusCode, 404);
  });

  it('keeps a news sitemap of the last 48 hours', async () => {
    const fresh = await buildArticle(t.db, { title: '溪口镇今日新闻 & 更多' });
    const old = await buildArticle(t.db, { publishedAt: new Date(Date.now() - 49 * 3_600_000) });
    await app.pageCache.clear(); // factories write behind the cache's back, as the admin API never does
    const res = await get('/sitemaps/news.xml');
    const doc = parseXml(res.body);
    assert.equal(doc.namespaceURI, SITEMAP_NS);
    const locs = assertSitemap(res.body, 'urlset', 1000);
    assert.ok(locs.includes(`https://news.example/a/${fresh.id}`));
    assert.ok(!locs.includes(`https://news.example/a/${old.id}`));
    const news = elements(doc, 'news', NEWS_NS).find((n) => n.parentNode && textOf(n.parentNode as Element, 'loc') === `https://news.example/a/${fresh.id}`)!;
    assert.equal(textOf(news, 'title', NEWS_NS), '溪口镇今日新闻 & 更多');
    assert.equal(textOf(news, 'language', NEWS_NS), 'zh-cn');
    assert.match(textOf(news, 'publication_date', NEWS_NS) ?? '', W3C_DATETIME);
  });

  it('drops a withdrawn article from every sitemap and feed at the next request, cache or not', async () => {
    const staff = (await staffWithToken(t.db, 'admin')).headers;
    const article = await buildArticle(t.db, { title: '将被下架的文章' });
    const surfaces = ['/sitemap.xml', '/sitemaps/news.xml', '/feed.xml', '/atom.xml', '/zh-hant/feed.xml'];
    const listed = async () => {
      const bodies = await Promise.all([...surfaces.map((u) => get(u).then((r) => r.body)), allSitemapUrls().then((u) => u.join('\n'))]);
      return bodies.some((b) => b.includes(`/a/${article.id}<`) || b.includes(`/a/${article.id}\n`) || b.endsWith(`/a/${article.id}`));
    };
    assert.ok(await listed(), 'listed while published (and now cached)');
    const version = (await app.inject({ method: 'GET', url: `/api/admin/articles/${article.id}`, headers: staff })).json().article.version;
    const withdraw = await app.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers: staff, payload: { to: 'withdrawn', reason: '信息有误', version } });
    assert.equal(withdraw.statusCode, 200, withdraw.body);
    assert.ok(!(await listed()), 'gone from every sitemap and feed');
  });

  it('points robots.txt at the sitemaps and keeps crawlers out of the newsroom and the APIs', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(res.body, /^User-agent: \*$/m);
    assert.match(res.body, /^Disallow: \/admin$/m);
    assert.match(res.body, /^Disallow: \/api\/$/m);
    assert.match(res.body, /^Sitemap: https:\/\/news\.example\/sitemap\.xml$/m);
    assert.match(res.body, /^Sitemap: https:\/\/news\.example\/sitemaps\/news\.xml$/m);
  });

  it('serves a favicon, icons and a web-app manifest, from a default when no logo is set', async () => {
    const ico = await get('/favicon.ico');
    assert.equal(ico.statusCode, 200);
    assert.equal(ico.headers['content-type'], 'image/x-icon');
    // ICONDIR: reserved 0, type 1 (icon), then the number of images.
    assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0]);
    assert.equal(ico.rawPayload.readUInt16LE(4), 3);

    const manifest = await get('/manifest.webmanifest');
    assert.match(String(manifest.headers['content-type']), /^application\/manifest\+json/);
    const body = manifest.json() as { name: string; start_url: string; icons: Array<{ src: string; sizes: string }> };
    assert.ok(body.name && body.start_url === '/');
    for (const icon of body.icons) {
      const png = await get(icon.src);
      assert.equal(png.statusCode, 200, icon.src);
      const meta = await sharp(png.rawPayload).metadata();
      assert.equal(`${meta.width}x${meta.height}`, icon.sizes);
      assert.equal(meta.format, 'png');
    }
    assert.deepEqual(body.icons.map((i) => i.sizes), ['192x192', '512x512']);
  });
});
