import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { matchesIfNoneMatch } from './if-none-match.js';
import { FinishedPage, PageCache } from './page-cache.js';

/** A page build that takes a few milliseconds, as one waiting on the database does: it renders when it starts, and counts its runs. */
function slowBuild(render: () => string) {
  const counted = {
    builds: 0,
    build: async () => {
      counted.builds += 1;
      const html = render();
      await sleep(5);
      return html;
    },
  };
  return counted;
}

describe('PageCache on one instance', () => {
  it('keeps a page until content changes', async () => {
    const cache = new PageCache(60_000);
    cache.putPage('/a/1', '<p>旧</p>', await cache.sync());
    await cache.sync();
    assert.equal(cache.getPage('/a/1')?.body.toString(), '<p>旧</p>');
    await cache.clear();
    await cache.sync();
    assert.equal(cache.getPage('/a/1'), undefined);
  });

  it('does not keep a page whose build began before a change and ended after it', async () => {
    const cache = new PageCache(60_000);
    const generation = await cache.sync();
    // …the page is being built from what the database held, when an editor withdraws the article,
    // and another request catches up with the change before this build ends:
    await cache.clear();
    await cache.sync();
    const page = cache.putPage('/a/1', '<p>已下架的文章</p>', generation);
    assert.equal(page.body.toString(), '<p>已下架的文章</p>', 'the request that built it still gets it');
    await cache.sync();
    assert.equal(cache.getPage('/a/1'), undefined, 'no later request does');
  });

  it('keeps nothing when the cache time is 0, and loads site data every time', async () => {
    const cache = new PageCache(0);
    cache.putPage('/a/1', '<p>页</p>', await cache.sync());
    assert.equal(cache.getPage('/a/1'), undefined);
    let loads = 0;
    await cache.remember(await cache.sync(), 'site-data', async () => ++loads);
    await cache.remember(await cache.sync(), 'site-data', async () => ++loads);
    assert.equal(loads, 2);
  });

  it('keeps no page when it may keep 0, and the oldest goes first when it is full, but site data is still kept', async () => {
    const none = new PageCache(60_000, { maxPages: 0 });
    assert.equal(none.putPage('/a/1', '<p>页</p>', await none.sync()).body.toString(), '<p>页</p>', 'the request still gets its page');
    await none.sync();
    assert.equal(none.getPage('/a/1'), undefined);
    let loads = 0;
    await none.remember(await none.sync(), 'site-data', async () => ++loads);
    await none.remember(await none.sync(), 'site-data', async () => ++loads);
    assert.equal(loads, 1);

    const two = new PageCache(60_000, { maxPages: 2 });
    for (const path of ['/a/1', '/a/2', '/a/3']) two.putPage(path, path, await two.sync());
    assert.deepEqual(['/a/1', '/a/2', '/a/3'].map((path) => two.getPage(path)?.body.toString()), [undefined, '/a/2', '/a/3']);
  });

  it('builds a page once for the requests that come while it is being built', async () => {
    const cache = new PageCache(60_000);
    const article = slowBuild(() => '<p>新文章</p>');
    const generation = await cache.sync();
    const pages = await Promise.all(Array.from({ length: 20 }, () => cache.pageFor('/a/1', generation, article.build)));
    assert.equal(article.builds, 1, 'twenty readers, one build');
    assert.ok(pages.every((page) => page === pages[0] && page.body.toString() === '<p>新文章</p>'));
    await cache.pageFor('/a/1', await cache.sync(), article.build);
    assert.equal(article.builds, 1, 'then kept');
    await cache.pageFor('/a/2', await cache.sync(), article.build);
    assert.equal(article.builds, 2, 'another page is built on its own');
  });

  it('never hands a request that came after a change the build begun before it', async () => {
    const cache = new PageCache(60_000);
    let title = '旧标题';
    const { build } = slowBuild(() => `<h1>${title}</h1>`);
    const before = cache.pageFor('/a/1', await cache.sync(), build);
    title = '新标题';
    await cache.clear();
    const after = cache.pageFor('/a/1', await cache.sync(), build);
    assert.equal((await before).body.toString(), '<h1>旧标题</h1>', 'the request that came before the change');
    assert.equal((await after).body.toString(), '<h1>新标题</h1>');
    assert.equal(cache.getPage('/a/1')?.body.toString(), '<h1>新标题</h1>', 'only the current page is kept');
  });

  it('fails every request waiting on a failed build, and builds anew for the next', async () => {
    const cache = new PageCache(60_000);
    const failing = slowBuild(() => {
      throw new Error('数据库暂时不可用');
    });
    const generation = await cache.sync();
    const results = await Promise.allSettled([cache.pageFor('/a/1', generation, failing.build), cache.pageFor('/a/1', generation, failing.build)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(failing.builds, 1);
    assert.equal((await cache.pageFor('/a/1', generation, async () => '<p>好了</p>')).body.toString(), '<p>好了</p>');
  });

  it('shares no build when it keeps no page or cannot know the generation: every request is rendered', async () => {
    for (const cache of [new PageCache(60_000, { maxPages: 0 }), new PageCache(0)]) {
      const page = slowBuild(() => '<p>页</p>');
      const generation = await cache.sync();
      await Promise.all([cache.pageFor('/a/1', generation, page.build), cache.pageFor('/a/1', generation, page.build)]);
      assert.equal(page.builds, 2);
    }
  });

  it('compresses a kept page once and small, and a page for one request fast, to the same page', () => {
    const html = readFileSync(new URL('../../test/fixtures/paste/wechat-article.html', import.meta.url), 'utf8');
    const kept = new FinishedPage(html, { kept: true });
    const once = new FinishedPage(html, { kept: false });
    for (const page of [kept, once]) {
      assert.equal(brotliDecompressSync(page.encodedAs('br')).toString(), html);
      assert.equal(gunzipSync(page.encodedAs('gzip')).toString(), html);
      assert.equal(page.encodedAs('br'), page.encodedAs('br'), 'compressed once, then reused');
    }
    // The fast setting gives up some size (a fifth here, with brotli), which only a page many read is worth.
    assert.ok(kept.encodedAs('br').length < once.encodedAs('br').length);
    assert.ok(kept.encodedAs('gzip').length < once.encodedAs('gzip').length);
    assert.equal(once.etagFor('br'), `W/${kept.etagFor('br')}`, 'other bytes of the same page: a weak tag, which revalidates either copy');
    assert.ok(matchesIfNoneMatch(once.etagFor('gzip'), kept.etagFor('gzip')));
    assert.ok(matchesIfNoneMatch(kept.etagFor('gzip'), once.etagFor('gzip')));
    assert.equal(once.etagFor('identity'), kept.etagFor('identity'), 'the page itself is the same bytes: a strong tag');
  });

  it('keeps search pages apart: a flood of made-up queries pushes out only other search pages', async () => {
    const cache = new PageCache(60_000, { maxPages: 20 });
    cache.putPage('/a/1', '<p>文章</p>', await cache.sync());
    for (let i = 0; i < 100; i++) cache.putPage(`/search?q=${i}`, '<p>搜索</p>', await cache.sync(), 'queries');
    assert.equal(cache.getPage('/a/1')?.body.toString(), '<p>文章</p>');
    assert.equal(cache.getPage('/search?q=99', 'queries')?.body.toString(), '<p>搜索</p>', 'the newest queries are kept');
    assert.equal(cache.getPage('/search?q=97', 'queries'), undefined, 'a tenth as many (2): the older went');
    assert.equal(cache.getPage('/search?q=99'), undefined, 'the pools do not mix');
    await cache.clear();
    await cache.sync();
    assert.equal(cache.getPage('/search?q=99', 'queries'), undefined, 'a change empties both');
  });

  it('loads site data once per generation, and not a failed load', async () => {
    const cache = new PageCache(60_000);
    let loads = 0;
    assert.equal(await cache.remember(await cache.sync(), 'site-data', async () => ++loads), 1);
    assert.equal(await cache.remember(await cache.sync(), 'site-data', async () => ++loads), 1);
    await cache.clear();
    assert.equal(await cache.remember(await cache.sync(), 'site-data', async () => ++loads), 2);
    await assert.rejects(cache.remember(await cache.sync(), 'other', async () => Promise.reject(new Error('数据库忙'))));
    assert.equal(await cache.remember(await cache.sync(), 'other', async () => 'loaded'), 'loaded');
  });

  it('keeps a page built from kept data no longer than that data, so a scheduled article is at most one cache time late', async () => {
    let now = 0;
    const cache = new PageCache(60_000, { now: () => now });
    const generation = await cache.sync();
    await cache.remember(generation, 'home-lists', async () => '首页列表');
    assert.equal(cache.keptUntil(generation, 'home-lists'), 60_000);
    now = 40_000;
    cache.putPage('/?elder', '<p>长辈模式首页</p>', generation, 'site', cache.keptUntil(generation, 'home-lists'));
    now = 59_999;
    assert.ok(cache.getPage('/?elder'));
    now = 60_000;
    assert.equal(cache.getPage('/?elder'), undefined, 'gone with the lists it was built from, not at 100 s');
    assert.equal(cache.keptUntil(await cache.sync(), 'nothing-kept'), undefined);
  });

  it('neither keeps nor serves shared data for a request that read the generation before a change', async () => {
    const cache = new PageCache(60_000);
    let loads = 0;
    const before = await cache.sync();
    assert.equal(await cache.remember(before, 'site-data', async () => ++loads), 1);
    await cache.clear();
    // Another request has caught up with the change; the one that began before it loads for itself.
    const after = await cache.sync();
    assert.equal(await cache.remember(before, 'site-data', async () => ++loads), 2);
    assert.equal(await cache.remember(after, 'site-data', async () => ++loads), 3, 'what it loaded was not kept');
    assert.equal(await cache.remember(after, 'site-data', async () => ++loads), 3);
    assert.equal(await cache.remember(undefined, 'site-data', async () => ++loads), 4, 'a request that could not read the generation loads for itself');
  });
});
