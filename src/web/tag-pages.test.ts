// 关键词 on the public site: tag pages, tag links and metadata on the article, related articles, search by tag.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { FastifyInstance } from 'fastify';
import type { Article } from '../content/article.js';
import { saveArticleTags } from '../content/tag-repo.js';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, buildCategory, signedInStaff, uniqueSuffix } from '../test-support/factories.js';
import { assertPagerCountKeptUntilChange } from '../test-support/pager-count.js';
import { buildTestApp } from '../test-support/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describeEachDatabase('tags on the public site', (t) => {
  let app: FastifyInstance;
  before(async () => {
    // The page cache on, as in production: a tag page must follow a withdrawal at once all the same.
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });
  const tagUrl = (name: string, prefix = '') => `${prefix}/t/${encodeURIComponent(name)}`;
  /** Factories write to the database directly, where staff changes through the API would empty the page cache. */
  const build = async <T>(made: Promise<T>): Promise<T> => {
    const value = await made;
    await app.pageCache.clear();
    return value;
  };

  it('lists a tag’s published articles, newest first, in both scripts, and drops a withdrawn one at once', async () => {
    const tag = `溪口镇${uniqueSuffix()}`.slice(0, 20);
    const older = await build(buildArticle(t.db, { title: '溪口镇油菜花开了', tags: [tag], publishedAt: new Date(Date.now() - 2 * HOUR) }));
    const newer = await build(buildArticle(t.db, { title: '溪口镇修好了桥', tags: ['桥梁', tag] }));
    const draft = await build(buildArticle(t.db, { title: '溪口镇草稿', tags: [tag], status: 'draft' }));
    const scheduled = await build(buildArticle(t.db, { title: '溪口镇定时稿', tags: [tag], publishedAt: new Date(Date.now() + HOUR) }));
    await build(buildArticle(t.db, { title: '别的文章', tags: ['别的'] }));

    const page = await get(tagUrl(tag));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<h1 class="page-title">关键词：${tag}</h1>`));
    const newerAt = page.body.indexOf(`href="/a/${newer.id}"`);
    const olderAt = page.body.indexOf(`href="/a/${older.id}"`);
    assert.ok(newerAt > 0 && olderAt > newerAt, 'newest first');
    for (const hidden of [draft, scheduled]) assert.ok(!page.body.includes(`/a/${hidden.id}"`), 'only what readers may see');
    assert.ok(!page.body.includes('别的文章'));
    assert.match(page.body, new RegExp(`<link rel="canonical" href="[^"]*/t/${encodeURIComponent(tag)}"`));

    const hant = await get(tagUrl(tag, '/zh-hant'));
    assert.equal(hant.statusCode, 200);
    assert.ok(hant.body.includes(`href="/zh-hant/a/${newer.id}"`));
    assert.ok(hant.body.includes('溪口鎮修好了橋'), 'shown in 繁體');

    const { headers } = await signedInStaff(app, t.db, 'reviewer');
    for (const article of [older, newer]) {
      const withdrawn = await app.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers, payload: { to: 'withdrawn', reason: '信息有误' } });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      if (article === older) {
        const after = await get(tagUrl(tag));
        assert.ok(!after.body.includes(`/a/${older.id}"`), 'the cached tag page is gone with the withdrawal');
        assert.ok(after.body.includes(`/a/${newer.id}"`));
      }
    }
    assert.equal((await get(tagUrl(tag))).statusCode, 404, 'a tag with no visible article has no page');
  });

  it('answers 404 for an unknown tag and a page past the end, and 400 for a name too long', async () => {
    assert.equal((await get(tagUrl('从来没有的关键词'))).statusCode, 404);
    const tag = `分页${uniqueSuffix()}`.slice(0, 20);
    await build(buildArticle(t.db, { tags: [tag] }));
    assert.equal((await get(`${tagUrl(tag)}?page=2`)).statusCode, 404);
    const tooLong = await get(tagUrl('长'.repeat(21)));
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.body.includes('每个关键词 1 到 20 个字'), 'the page says what a tag may be');
    assert.equal((await get(tagUrl('é'.normalize('NFD').repeat(21)))).statusCode, 400, '21 characters, however they are sent');
  });

  /** `count` copies of `template`'s row, in this order, article n as `each(n)` says, all carrying `tag` when given: their ids. */
  const insertCopies = async (
    template: Article,
    count: number,
    each: (n: number) => { status: 'published' | 'draft'; publishedAt: Date },
    tag?: string,
  ): Promise<number[]> => {
    const { id: _id, ...row } = await t.db.selectFrom('articles').selectAll().where('id', '=', template.id).executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (let from = 0; from < count; from += 200) {
      const rows = Array.from({ length: Math.min(200, count - from) }, (_, i) => {
        const { status, publishedAt } = each(from + i);
        const at = publishedAt.toISOString();
        return { ...row, title: `本地新闻${from + i}`, status, published_at: at, scheduled_at: null, created_at: at, updated_at: at };
      });
      ids.push(...(await t.db.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id));
    }
    if (tag !== undefined) {
      const { id: tagId } = await t.db.selectFrom('tags').select('id').where('name', '=', tag).executeTakeFirstOrThrow();
      for (let from = 0; from < ids.length; from += 500) {
        const entries = ids.slice(from, from + 500).map((articleId) => ({ article_id: articleId, tag_id: tagId, position: 0 }));
        await t.db.insertInto('article_tags').values(entries).execute();
      }
    }
    await app.pageCache.clear();
    return ids;
  };
  const listedOn = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    return [...res.body.matchAll(/<a href="\/a\/(\d+)"/g)].map((m) => Number(m[1]));
  };

  it('pages through a tag on thousands of articles as far as its 2,000 newest, newest first, and no further', async () => {
    const tag = `本地${uniqueSuffix()}`.slice(0, 20);
    const template = await build(buildArticle(t.db, { tags: [tag], publishedAt: new Date(Date.now() - 3_000 * MINUTE) }));
    // Each a minute newer than the one before; the newest of all is a draft, the next scheduled.
    const inserted = await insertCopies(
      template,
      2_010,
      (n) => ({ status: n === 2_009 ? 'draft' : 'published', publishedAt: new Date(Date.now() - (n === 2_008 ? -HOUR : (2_010 - n) * MINUTE)) }),
      tag,
    );

    // Visible, newest first: the 2,008th written (index 2,007) down to the first, then the template.
    const newestFirst = inserted.slice(0, 2_008).reverse();
    // 20 a page, the default articlesPerPage.
    assert.deepEqual(await listedOn(`${tagUrl(tag)}?page=1`), newestFirst.slice(0, 20), 'page 1: the 20 newest visible, neither the draft nor the scheduled one');
    assert.deepEqual(await listedOn(`${tagUrl(tag)}?page=100`), newestFirst.slice(1_980, 2_000), 'page 100 ends with the 2,000th newest');
    assert.equal((await get(`${tagUrl(tag)}?page=101`)).statusCode, 404, 'older ones are in their categories, not here');
  });

  it('keeps a tag’s page exact when most of its newest articles are withdrawn right after the page was read', async () => {
    const tag = `快讯${uniqueSuffix()}`.slice(0, 20);
    const template = await build(buildArticle(t.db, { tags: [tag], publishedAt: new Date(Date.now() - 2 * DAY) }));
    // 1,000 tagged, a second apart up to now: page 1 is read down the newest articles, no further than a bound
    // the probes before it found, and those probes are kept a few seconds (tagWalkFor), for each Db: this app
    // has a Db of its own, on which no earlier test has left any. Pages are rendered on every request. Probed
    // afresh, the bound would fill the page again; kept, only readTagList's read of the entries keeps it right.
    const tagged = await insertCopies(template, 1_000, (n) => ({ status: 'published', publishedAt: new Date(Date.now() - (1_000 - n) * 1_000) }), tag);
    const rendering = await buildTestApp(t.db.withoutPlugins(), { pageCacheSeconds: 60, pageCachePages: 0 });
    try {
      const listed = async () => [...(await rendering.inject({ url: tagUrl(tag) })).body.matchAll(/<a href="\/a\/(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(await listed(), tagged.slice(-20).reverse());
      // All but the 5 newest of the 900 newest withdrawn: within the kept bound only those 5 are left, so the page
      // is not filled there, and is read from the tag's entries instead.
      await t.db.updateTable('articles').set({ status: 'withdrawn' }).where('id', 'in', tagged.slice(100, -5)).execute();
      assert.deepEqual(await listed(), [...tagged.slice(85, 100), ...tagged.slice(-5)].reverse());
    } finally {
      await rendering.close();
    }
  });

  it('counts a tag’s articles for its pager once for all its pages, until content changes', async () => {
    const tag = `计数${uniqueSuffix()}`.slice(0, 20);
    await assertPagerCountKeptUntilChange(t.db, { pageUrl: (page) => `${tagUrl(tag)}?page=${page}`, addArticle: () => buildArticle(t.db, { tags: [tag] }) });
  });

  it('shows a tag’s page the moment its only article goes live, though the empty count was asked for before', async () => {
    const tag = `首发${uniqueSuffix()}`.slice(0, 20);
    const rendering = await buildTestApp(t.db, { pageCacheSeconds: 60, pageCachePages: 0 });
    try {
      const article = await buildArticle(t.db, { tags: [tag], status: 'draft' });
      assert.equal((await rendering.inject({ url: tagUrl(tag) })).statusCode, 404, 'no visible article yet');
      // Published straight in the database, as a scheduled article's time comes: no change is announced.
      await t.db.updateTable('articles').set({ status: 'published', published_at: new Date().toISOString() }).where('id', '=', article.id).execute();
      assert.equal((await rendering.inject({ url: tagUrl(tag) })).statusCode, 200);
    } finally {
      await rendering.close();
    }
  });

  it('lists a tag on many old articles, behind many newer ones without it, newest first', async () => {
    const tag = `旧闻${uniqueSuffix()}`.slice(0, 20);
    const template = await build(buildArticle(t.db, { tags: [tag], publishedAt: new Date(Date.now() - 100 * DAY) }));
    // 300 tagged, from 99 days ago, then 3,000 untagged since yesterday: walked down the newest, the page is
    // not filled where that walk stops, and is read from the tag's entries instead.
    const tagged = await insertCopies(template, 300, (n) => ({ status: 'published', publishedAt: new Date(Date.now() - 99 * DAY + n * MINUTE) }), tag);
    await insertCopies(template, 3_000, (n) => ({ status: 'published', publishedAt: new Date(Date.now() - DAY + n * 20_000) }));
    assert.deepEqual(await listedOn(tagUrl(tag)), tagged.slice(-20).reverse());
  });

  it('moves a tag name sent in another Unicode form to the stored one, keeping the page and the script', async () => {
    // Twenty characters, the longest a tag may be: decomposed, the link is longer, and still moved.
    const composed = `Café${uniqueSuffix()}`.padEnd(20, 'é').slice(0, 20);
    await build(buildArticle(t.db, { tags: [composed] }));
    const decomposed = composed.normalize('NFD');
    assert.notEqual(decomposed, composed);
    const moved = await get(`${tagUrl(decomposed, '/zh-hant')}?page=2`);
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `${tagUrl(composed, '/zh-hant')}?page=2`);
    const page = await get(tagUrl(composed));
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`关键词：${composed}`));
  });

  it('takes tags that differ only in case for one: spelled as first stored, on one page, whose canonical address is that spelling', async () => {
    const first = `NBA${uniqueSuffix()}`;
    const older = await build(buildArticle(t.db, { title: '季后赛开打', tags: [first], publishedAt: new Date(Date.now() - HOUR) }));
    const newer = await build(buildArticle(t.db, { title: '县队进了决赛', tags: [first.toLowerCase(), '篮球', first] }));
    assert.deepEqual(newer.tags, [first, '篮球'], 'the stored spelling, once');
    const count = await t.db.selectFrom('tags').select((eb) => eb.fn.countAll().as('n')).where('folded', '=', first.toLowerCase()).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    for (const asked of [first, first.toLowerCase()]) {
      const page = await get(tagUrl(asked));
      assert.equal(page.statusCode, 200, asked);
      assert.ok(page.body.includes(`/a/${older.id}"`) && page.body.includes(`/a/${newer.id}"`), asked);
      assert.ok(page.body.includes(`<link rel="canonical" href="https://news.example/t/${encodeURIComponent(first)}"/>`), asked);
      assert.ok(page.body.includes(`关键词：${first}`), asked);
    }
  });

  it('makes one tag of two spellings saved at the same moment', async () => {
    const name = `Wuyi${uniqueSuffix()}`;
    const [a, b] = [await buildArticle(t.db), await buildArticle(t.db)];
    // The first save has inserted the new tag and not committed when the second, in the other case, looks for it:
    // only the unique folded name makes the second wait and take the first's row (on PostgreSQL; SQLite's one
    // writing connection runs them one after the other).
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const first = t.db.transaction().execute(async (trx) => {
      const stored = await saveArticleTags(trx, a.id, [name]);
      inserted();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return stored;
    });
    await firstInserted;
    const [firstTags, secondTags] = await Promise.all([first, saveArticleTags(t.db, b.id, [name.toLowerCase()])]);
    assert.deepEqual([firstTags, secondTags], [[name], [name]], 'both carry the one tag, spelled as the first stored it');
    const rows = await t.db.selectFrom('tags').select('id').where('folded', '=', name.toLowerCase()).execute();
    assert.equal(rows.length, 1);
  });

  it('shows the tags on the article as escaped links, and in article:tag and the JSON-LD keywords', async () => {
    const markup = '<b>油菜花&"节"';
    const article = await build(buildArticle(t.db, { tags: ['溪口镇', markup] }));
    const page = await get(`/a/${article.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`<a href="/t/${encodeURIComponent('溪口镇')}" rel="tag">溪口镇</a>`));
    assert.ok(page.body.includes(`<a href="/t/${encodeURIComponent(markup)}" rel="tag">&lt;b>油菜花&amp;&quot;节&quot;</a>`), 'escaped');
    const tags = [...page.body.matchAll(/<meta property="article:tag" content="([^"]*)"\/>/g)].map((m) => m[1]);
    assert.deepEqual(tags, ['溪口镇', '&lt;b>油菜花&amp;&quot;节&quot;']);
    const news = [...page.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
      .map((m) => JSON.parse(m[1]!) as { '@type': string; keywords?: string })
      .find((data) => data['@type'] === 'NewsArticle');
    assert.equal(news?.keywords, `溪口镇,${markup}`);

    const untagged = await build(buildArticle(t.db));
    const plain = await get(`/a/${untagged.id}`);
    assert.ok(!plain.body.includes('article:tag') && !plain.body.includes('"keywords"') && !plain.body.includes('article__tags'));
  });

  it('offers related articles sharing the most tags first, then the newest of the category', async () => {
    const category = await build(buildCategory(t.db));
    const elsewhere = await build(buildCategory(t.db));
    const [a, b] = [`龙潭坝${uniqueSuffix()}`.slice(0, 20), `水库${uniqueSuffix()}`.slice(0, 20)];
    const article = await build(buildArticle(t.db, { categoryId: category.id, tags: [a, b] }));
    const sharesTwo = await build(buildArticle(t.db, { categoryId: elsewhere.id, title: '两个相同关键词', tags: [b, a], publishedAt: new Date(Date.now() - 5 * HOUR) }));
    const sharesOne = await build(buildArticle(t.db, { categoryId: elsewhere.id, title: '一个相同关键词', tags: [a], publishedAt: new Date(Date.now() - 2 * HOUR) }));
    const withdrawn = await build(buildArticle(t.db, { categoryId: elsewhere.id, title: '已下架的相关文章', tags: [a, b], status: 'withdrawn' }));
    const sameCategory = await build(buildArticle(t.db, { categoryId: category.id, title: '同栏目文章', publishedAt: new Date(Date.now() - 3 * HOUR) }));
    const previous = await build(buildArticle(t.db, { categoryId: category.id, title: '上一篇文章', publishedAt: new Date(Date.now() - 2 * HOUR) }));

    const page = await get(`/a/${article.id}`);
    const related = page.body.slice(page.body.indexOf('id="related-heading"'));
    const order = [sharesTwo, sharesOne, sameCategory].map((x) => related.indexOf(`href="/a/${x.id}"`));
    assert.ok(order.every((at) => at > 0), 'all three are offered');
    assert.deepEqual([...order].sort((x, y) => x - y), order, 'two shared tags, then one, then the category');
    assert.ok(!related.includes(`/a/${withdrawn.id}"`), 'never a withdrawn article');
    assert.ok(!related.includes(`/a/${previous.id}"`), 'not the 上一篇, linked just above');

    const untagged = await build(buildArticle(t.db, { categoryId: category.id }));
    const relatedOf = async (id: number) => {
      const body = (await get(`/a/${id}`)).body;
      return body.slice(body.indexOf('id="related-heading"'));
    };
    assert.ok((await relatedOf(untagged.id)).includes(`href="/a/${sameCategory.id}"`), 'without tags, the category as before');

    // The category's newest are held for all its articles' pages: a withdrawal leaves every one of them at once.
    const { headers } = await signedInStaff(app, t.db, 'reviewer');
    const withdrawal = await app.inject({ method: 'POST', url: `/api/admin/articles/${sameCategory.id}/transitions`, headers, payload: { to: 'withdrawn', reason: '信息有误' } });
    assert.equal(withdrawal.statusCode, 200, withdrawal.body);
    for (const id of [untagged.id, article.id]) assert.ok(!(await relatedOf(id)).includes(`href="/a/${sameCategory.id}"`), `article ${id}`);
  });

  it('finds an article by a tag that appears nowhere in its text', async () => {
    const article = await build(buildArticle(t.db, { title: '周末去哪儿', bodyHtml: '<p>天气晴好。</p>', tags: ['踏青'] }));
    const res = await get(`/search?q=${encodeURIComponent('踏青')}`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`href="/a/${article.id}"`), res.body.slice(0, 200));
  });

  it('names the section and each tag as a category of the article in both feeds', async () => {
    const category = await build(buildCategory(t.db, { name: '乡镇' }));
    const article = await build(buildArticle(t.db, { categoryId: category.id, tags: ['溪口镇', '油菜花节'] }));
    for (const file of ['feed.xml', 'atom.xml']) {
      const res = await get(`/${file}`);
      assert.equal(res.statusCode, 200);
      const item = parseFeed(res.body).items.find((i) => i.url?.endsWith(`/a/${article.id}`));
      assert.deepEqual(item?.categories.map((c) => c.label ?? c.term), ['乡镇', '溪口镇', '油菜花节'], file);
    }
  });
});
