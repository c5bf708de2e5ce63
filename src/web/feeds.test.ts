import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Element } from '@xmldom/xmldom';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { saveSiteSettings } from '../site/index.js';
import { buildArticle, buildCategory } from '../test-support/factories.js';
import { buildTestApp } from '../test-support/test-app.js';
import { parseXml } from '../test-support/xml.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RFC 822 as RSS 2.0 requires it (four-digit years allowed): "Tue, 01 Dec 2026 12:00:00 GMT". */
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const children = (parent: Element, name: string, ns: string | null = null) =>
  Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ns);
const text = (parent: Element, name: string, ns: string | null = null) => children(parent, name, ns)[0]?.textContent ?? undefined;

/** RSS 2.0's required elements: channel title, link and description; per item a guid and an RFC 822 pubDate. */
function assertRss2(xml: string): Element[] {
  const rss = parseXml(xml);
  assert.equal(rss.localName, 'rss');
  assert.equal(rss.getAttribute('version'), '2.0');
  const channel = children(rss, 'channel')[0]!;
  for (const required of ['title', 'link', 'description']) assert.ok(text(channel, required)?.trim(), `channel ${required}`);
  const items = children(channel, 'item');
  for (const item of items) {
    assert.ok(text(item, 'title') || text(item, 'description'), 'an item has a title or a description');
    assert.match(text(item, 'guid') ?? '', /^https:\/\/news\.example\//);
    assert.match(text(item, 'pubDate') ?? '', RFC_822);
  }
  return items;
}

/** Atom (RFC 4287): feed id, title, RFC 3339 updated, an author for the feed or each entry; entries with id, title, updated and a link. */
function assertAtom(xml: string): Element[] {
  const feed = parseXml(xml);
  assert.equal(feed.localName, 'feed');
  assert.equal(feed.namespaceURI, ATOM_NS);
  assert.ok(text(feed, 'id', ATOM_NS));
  assert.ok(text(feed, 'title', ATOM_NS));
  assert.match(text(feed, 'updated', ATOM_NS) ?? '', RFC_3339);
  const feedAuthor = children(feed, 'author', ATOM_NS)[0];
  const entries = children(feed, 'entry', ATOM_NS);
  for (const entry of entries) {
    assert.ok(text(entry, 'id', ATOM_NS));
    assert.ok(text(entry, 'title', ATOM_NS));
    assert.match(text(entry, 'updated', ATOM_NS) ?? '', RFC_3339);
    assert.match(children(entry, 'link', ATOM_NS)[0]?.getAttribute('href') ?? '', /^https:\/\/news\.example\//);
    const author = children(entry, 'author', ATOM_NS)[0] ?? feedAuthor;
    assert.ok(author && text(author, 'name', ATOM_NS), 'every entry has an author, its own or the feed\'s');
  }
  return entries;
}

describeEachDatabase('RSS and Atom feeds', (t) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('gives the whole site\'s newest articles, in full text, as valid RSS 2.0 and Atom, and nothing unpublished', async () => {
    const category = await buildCategory(t.db, { name: '青溪焦点' });
    const article = await buildArticle(t.db, {
      categoryId: category.id,
      title: '溪口镇头发 & <b>标题</b> ]]> </script>',
      author: '张金兰',
      bodyHtml: '<p>正文第一段 <img src="/media/2026/a.jpg" alt="溪口"></p>',
    });
    await buildArticle(t.db, { categoryId: category.id, title: '待审核的文章', status: 'pending' });
    await buildArticle(t.db, { categoryId: category.id, title: '已下架的文章', status: 'withdrawn' });
    await buildArticle(t.db, { categoryId: category.id, title: '定时发布的文章', publishedAt: new Date(Date.now() + 3_600_000) });

    const rss = await get('/feed.xml');
    assert.equal(rss.statusCode, 200);
    assert.match(String(rss.headers['content-type']), /^application\/rss\+xml; charset=utf-8/);
    const items = assertRss2(rss.body);
    assert.ok(items.length >= 1);
    const parsed = parseFeed(rss.body);
    const item = parsed.items.find((i) => i.url === `https://news.example/a/${article.id}`);
    assert.ok(item, 'the article is in the feed, under its absolute address');
    assert.equal(item.title, article.title, 'markup-like text in a title comes back as the same text');
    assert.match(item.content ?? '', /src="https:\/\/news\.example\/media\/2026\/a\.jpg"/, 'images in the text have absolute addresses');
    assert.doesNotMatch(rss.body, /待审核的文章|已下架的文章|定时发布的文章/);

    const atom = await get('/atom.xml');
    assert.equal(atom.statusCode, 200);
    assert.match(String(atom.headers['content-type']), /^application\/atom\+xml/);
    assertAtom(atom.body);
    const entry = parseFeed(atom.body).items.find((i) => i.url === `https://news.example/a/${article.id}`);
    assert.equal(entry?.authors[0]?.name, '张金兰');
    assert.doesNotMatch(atom.body, /待审核的文章|已下架的文章|定时发布的文章/);
  });

  it('keeps a title or summary that tries to close its CDATA section inside its own item, as text', async () => {
    const category = await buildCategory(t.db, { name: '投稿' });
    const title = 'T]]>x]]><item><title>FAKE</title><link>https://evil.example/</link></item><![CDATA[';
    const summary = '摘要]]><entry><id>x</id></entry><![CDATA[ AT&T <3';
    const article = await buildArticle(t.db, { categoryId: category.id, title, summary });
    for (const path of [`/c/${category.slug}/feed.xml`, `/c/${category.slug}/atom.xml`]) {
      const body = (await get(path)).body;
      const items = path.endsWith('atom.xml') ? assertAtom(body) : assertRss2(body);
      assert.equal(items.length, 1, `${path}: one article, one item`);
      assert.doesNotMatch(body, /<link>https:\/\/evil|<id>x<\/id>/);
      const [item] = parseFeed(body).items;
      assert.equal(item?.url, `https://news.example/a/${article.id}`);
      assert.equal(item?.title, title, `${path}: the title comes back as the same text`);
      assert.equal(item?.description, summary, `${path}: so does the summary`);
    }
  });

  it('stays well-formed XML with control characters in a title and markup in a section\'s or a tag\'s name', async () => {
    const category = await buildCategory(t.db, { name: '便民<b>' });
    const article = await buildArticle(t.db, { categoryId: category.id, title: '停水\u0001通知\u0007\u001b', tags: ['esc"\'<>&'] });
    for (const path of [`/c/${category.slug}/feed.xml`, `/c/${category.slug}/atom.xml`, '/feed.xml', '/atom.xml']) {
      const body = (await get(path)).body;
      const items = path.endsWith('atom.xml') ? assertAtom(body) : assertRss2(body);
      assert.ok(items.length >= 1, path);
      const item = parseFeed(body).items.find((i) => i.url === `https://news.example/a/${article.id}`);
      assert.equal(item?.title, '停水通知', `${path}: the title without the characters XML cannot hold`);
      assert.deepEqual(item?.categories.map((c) => c.label ?? c.term).sort(), ['esc"\'<>&', '便民<b>'], path);
    }
  });

  it('gives a category\'s feed with its children\'s articles, and 404 for an unknown category', async () => {
    const section = await buildCategory(t.db, { name: '生活' });
    const child = await buildCategory(t.db, { name: '美食', parentId: section.id });
    const elsewhere = await buildArticle(t.db, { title: '别的栏目文章' });
    const inChild = await buildArticle(t.db, { categoryId: child.id, title: '美食文章' });
    for (const url of [`/c/${section.slug}/feed.xml`, `/c/${section.slug}/atom.xml`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      const feed = parseFeed(res.body);
      assert.ok(feed.title?.startsWith('生活'), url);
      assert.deepEqual(feed.items.map((i) => i.url), [`https://news.example/a/${inChild.id}`], url);
      assert.ok(!res.body.includes(`/a/${elsewhere.id}<`));
    }
    assertRss2((await get(`/c/${section.slug}/feed.xml`)).body);
    assertAtom((await get(`/c/${section.slug}/atom.xml`)).body);
    assert.equal((await get('/c/no-such-category/feed.xml')).statusCode, 404);
  });

  it('carries only the summary when the site says so, and is written in 繁體 under /zh-hant', async () => {
    const category = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId: category.id, title: '头发与发展', summary: '这是摘要', bodyHtml: '<p>不应出现的正文</p>' });
    await saveSiteSettings(t.db, { feedContent: 'summary' }, new Date());
    try {
      const res = await get(`/c/${category.slug}/feed.xml`);
      assert.doesNotMatch(res.body, /不应出现的正文/);
      assert.equal(parseFeed(res.body).items[0]?.description, '这是摘要');
    } finally {
      await saveSiteSettings(t.db, { feedContent: 'full' }, new Date());
    }
    const hant = await get(`/zh-hant/c/${category.slug}/atom.xml`);
    assert.equal(hant.statusCode, 200);
    assertAtom(hant.body);
    const entry = parseFeed(hant.body).items[0]!;
    assert.equal(entry.title, '頭髮與發展');
    assert.equal(entry.url, `https://news.example/zh-hant/a/${article.id}`);
    assertRss2((await get('/zh-hant/feed.xml')).body);
  });
});
