import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { describeEachDatabase } from '../db/testing.js';
import { insertMedia } from '../media/index.js';
import { solidPng, temporaryStorage } from '../media/testing.js';
import { saveSiteSettings } from '../site/index.js';
import { buildArticle, buildCategory, staffCookie } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';

const CHINA_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** The content of every <meta property=…> with that property, in page order. */
const metaAll = (html: string, property: string) =>
  [...html.matchAll(new RegExp(`<meta property="${property.replace(/[:.]/g, '\\$&')}" content="([^"]*)"/>`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));
const meta = (html: string, property: string) => metaAll(html, property)[0];
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, any>);

describeEachDatabase('page metadata: canonical, hreflang, Open Graph, JSON-LD, times', (t) => {
  let app: FastifyInstance;
  const storage = temporaryStorage();
  before(async () => {
    app = await buildTestApp(t.db, { storage });
    await saveSiteSettings(t.db, { siteName: '青溪生活网' }, new Date());
  });
  after(async () => {
    await app.close();
    storage.remove();
  });
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('describes an article completely: Open Graph, NewsArticle and BreadcrumbList, times in +08:00', async () => {
    await storage.put('2026/lead.png', await solidPng(1200, 630));
    const lead = await insertMedia(t.db, { storageKey: '2026/lead.png', contentType: 'image/png', width: 1200, height: 630, byteSize: 1, altText: '', variants: [] }, new Date());
    const category = await buildCategory(t.db, { name: '青溪焦点' });
    const article = await buildArticle(t.db, {
      categoryId: category.id,
      title: '标题</script><script>alert(1)</script>',
      summary: '溪口镇的摘要',
      author: '张金兰',
      leadImage: { mediaId: lead.id, alt: '溪口镇全景' },
    });
    const res = await get(`/a/${article.id}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const url = `https://news.example/a/${article.id}`;
    assert.ok(!html.includes('<script>alert(1)'), 'a title cannot close the JSON-LD script');

    assert.equal(meta(html, 'og:url'), url);
    assert.equal(meta(html, 'og:locale'), 'zh_CN');
    assert.equal(meta(html, 'og:locale:alternate'), 'zh_TW');
    assert.equal(meta(html, 'og:image'), 'https://news.example/media/2026/lead.png');
    assert.equal(meta(html, 'og:image:width'), '1200');
    assert.equal(meta(html, 'og:image:height'), '630');
    assert.equal(meta(html, 'og:image:alt'), '溪口镇全景');
    assert.match(meta(html, 'article:published_time') ?? '', CHINA_ISO);
    assert.match(meta(html, 'article:modified_time') ?? '', CHINA_ISO);
    assert.equal(meta(html, 'article:section'), '青溪焦点');

    const [news, crumbs] = jsonLd(html);
    assert.equal(news?.['@type'], 'NewsArticle');
    assert.equal(news?.headline, article.title, 'escaped inside the script, the same text to a JSON reader');
    assert.match(news?.datePublished, CHINA_ISO);
    assert.match(news?.dateModified, CHINA_ISO);
    assert.deepEqual(news?.author, [{ '@type': 'Person', name: '张金兰' }]);
    assert.equal(news?.publisher.name, '青溪生活网');
    assert.match(news?.publisher.logo.url, /^https:\/\/news\.example\//);
    assert.equal(news?.image[0].url, 'https://news.example/media/2026/lead.png');
    assert.equal(news?.articleSection, '青溪焦点');
    assert.equal(news?.mainEntityOfPage['@id'], url);
    assert.equal(crumbs?.['@type'], 'BreadcrumbList');
    assert.deepEqual(
      crumbs?.itemListElement.map((i: { position: number; item: string }) => [i.position, i.item]),
      [[1, 'https://news.example/'], [2, `https://news.example/c/${category.slug}`], [3, url]],
    );

    const times = [...html.matchAll(/<time datetime="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(times.length > 0);
    for (const time of times) assert.match(time!, CHINA_ISO);

    const hant = (await get(`/zh-hant/a/${article.id}`)).body;
    assert.equal(meta(hant, 'og:locale'), 'zh_TW');
    assert.equal(meta(hant, 'og:locale:alternate'), 'zh_CN');
    assert.equal(jsonLd(hant)[0]?.inLanguage, 'zh-Hant');
  });

  it('gives home and category pages a picture, the default icon until a logo is set, then the logo', async () => {
    const category = await buildCategory(t.db);
    for (const url of ['/', `/c/${category.slug}`, '/zh-hant/']) {
      const html = (await get(url)).body;
      assert.equal(meta(html, 'og:image'), 'https://news.example/icons/512.png', url);
      assert.equal(meta(html, 'og:image:width'), '512');
      assert.match(meta(html, 'og:image:alt') ?? '', /^青溪生活[网網]$/);
      assert.ok(html.includes('<link rel="canonical"'), url);
      assert.equal((html.match(/<link rel="alternate" hrefLang|<link rel="alternate" hreflang/gi) ?? []).length, 3, url);
    }
    assert.equal(jsonLd((await get(`/c/${category.slug}`)).body)[0]?.['@type'], 'BreadcrumbList');

    await storage.put('2026/logo.png', await solidPng(300, 100, '#00ff00'));
    const logo = await insertMedia(t.db, { storageKey: '2026/logo.png', contentType: 'image/png', width: 300, height: 100, byteSize: 1, altText: '青溪生活网标志', variants: [] }, new Date());
    await saveSiteSettings(t.db, { logoMediaId: logo.id }, new Date());
    try {
      const html = (await get('/')).body;
      assert.equal(meta(html, 'og:image'), 'https://news.example/media/2026/logo.png');
      assert.equal(meta(html, 'og:image:alt'), '青溪生活网标志');
      // The icons are made from the logo: fitted (not cropped) into the square, green in the middle.
      const icon = await get('/icons/192.png');
      const { data } = await sharp(icon.rawPayload).extract({ left: 96, top: 96, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([...data.subarray(0, 3)], [0, 255, 0]);
      assert.equal((await get('/favicon.ico')).statusCode, 200);
    } finally {
      await saveSiteSettings(t.db, { logoMediaId: null }, new Date());
    }
  });

  it('marks staff previews and error pages noindex, in the page and in X-Robots-Tag', async () => {
    const article = await buildArticle(t.db, { status: 'withdrawn' });
    const preview = await get(`/a/${article.id}`, { cookie: await staffCookie(t.db) });
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['x-robots-tag'], 'noindex');
    assert.ok(preview.body.includes('<meta name="robots" content="noindex"/>'));
    const missing = await get(`/a/${article.id}`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['x-robots-tag'], 'noindex');
    assert.ok(missing.body.includes('<meta name="robots" content="noindex"/>'));
    const published = await get(`/a/${(await buildArticle(t.db)).id}`);
    assert.equal(published.headers['x-robots-tag'], undefined);
    assert.ok(!published.body.includes('noindex'));
  });
});
