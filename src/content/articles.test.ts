import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { errorMessageFor } from '../messages/error-messages.js';
import { buildArticle, buildCategory, buildStaff } from '../test-support/factories.js';
import { isVisibleToReaders } from './article.js';
import { findArticle, findNeighbours } from './article-repo.js';
import { countPublishedArticles, listPublishedArticles } from './published-lists.js';

const HOUR = 3_600_000;

describeEachDatabase('articles', (t) => {
  it('stores every field of the page and maps it back', async () => {
    const category = await buildCategory(t.db);
    const publisher = await buildStaff(t.db);
    const article = await buildArticle(t.db, {
      categoryId: category.id,
      title: '  青溪新闻  ',
      editorNote: '编者按内容',
      credits: '青溪市融媒体中心出品\n记者：王一鸣',
      origin: 'reprint',
      sourceName: '青溪发布',
      sourceUrl: 'https://fabu.example/1',
      originalTitle: '原标题',
      originalAuthor: '原作者',
      responsibleEditor: '周敏',
      author: '',
      publisher: { id: publisher.id, ip: '115.236.1.1' },
      flags: { headline: true, pinned: true },
    });
    const stored = await findArticle(t.db, article.id);
    assert.ok(stored);
    assert.equal(stored.title, '青溪新闻');
    assert.equal(stored.author, null, 'an empty author is stored as absent, so it is not printed');
    assert.equal(stored.publisherIpRegion, '浙江', 'IP属地 is recorded when it is published');
    assert.deepEqual(stored.reprint, {
      sourceName: '青溪发布',
      sourceUrl: 'https://fabu.example/1',
      originalTitle: '原标题',
      originalAuthor: '原作者',
      responsibleEditor: '周敏',
    });
    assert.deepEqual(stored.flags, { headline: true, recommended: false, pinned: true });
    assert.deepEqual(stored.counts, { reads: 0, likes: 0, comments: 0 }, 'counts are counted, never seeded');
    assert.ok(stored.publishedAt instanceof Date && stored.createdAt instanceof Date);
  });

  it('sanitizes the body when it is saved', async () => {
    const article = await buildArticle(t.db, { bodyHtml: '<p onclick="x()">正文</p><script>alert(1)</script>' });
    assert.equal(article.bodyHtml, '<p>正文</p>');
  });

  it('refuses a reprint without its source or responsible editor', async () => {
    await assert.rejects(buildArticle(t.db, { origin: 'reprint', sourceName: '青溪发布' }), (e: AppError) => e.code === 'content.reprint_fields_required');
    await assert.rejects(buildArticle(t.db, { origin: 'reprint', responsibleEditor: '周敏' }), (e: AppError) => e.code === 'content.reprint_fields_required');
  });

  it('takes as 原文链接 only an http(s) address, however the article comes in', async () => {
    for (const sourceUrl of ['javascript:alert(document.domain)', 'data:text/html,<b>x', '/a/1', 'https://user:pw@fabu.example/1', 'https://fabu.example/a b']) {
      await assert.rejects(buildArticle(t.db, { sourceUrl }), (e: AppError) => e.code === 'content.invalid_source_url', sourceUrl);
    }
    assert.equal((await buildArticle(t.db, { sourceUrl: ' https://fabu.example/青溪 ' })).reprint.sourceUrl, 'https://fabu.example/%E9%9D%92%E6%BA%AA');
    assert.equal((await buildArticle(t.db, { sourceUrl: '  ' })).reprint.sourceUrl, null);
  });

  it('names the body images that lack a text alternative: the first by its place and the text before it, and all by place', async () => {
    const bodyHtml =
      '<p><img src="/media/2026/05/a.jpg" alt="桥"></p><p>龙舟赛在青溪大桥下游水域开赛。</p><p><img src="/media/2026/05/b.jpg"></p><p><img src="/media/2026/05/c.jpg" alt=""></p>';
    await assert.rejects(buildArticle(t.db, { bodyHtml }), (e: AppError) => {
      assert.equal(e.code, 'content.body_image_alt_required');
      assert.deepEqual(e.details, { field: 'bodyHtml', index: 2, image: '“…在青溪大桥下游水域开赛。”之后', src: '/media/2026/05/b.jpg', missing: 2, indexes: [2, 3] });
      assert.equal(errorMessageFor(e.code, e.details), '正文第 2 张图片（“…在青溪大桥下游水域开赛。”之后）还没有图片说明（替代文字），共 2 张缺少。请在编辑器中选中标出的图片填写说明，方便视障读者理解。');
      return true;
    });
    await assert.rejects(buildArticle(t.db, { bodyHtml: '<p><img src="/media/2026/05/first.jpg"></p>' }), (e: AppError) => e.details?.image === 'first.jpg');
  });

  it('refuses an image without a text alternative, in the lead or the body', async () => {
    await assert.rejects(buildArticle(t.db, { bodyHtml: '<p><img src="/media/a.jpg"></p>' }), (e: AppError) => e.code === 'content.body_image_alt_required');
    await assert.rejects(buildArticle(t.db, { bodyHtml: '<p><img src="/media/a.jpg" alt="  "></p>' }), (e: AppError) => e.code === 'content.body_image_alt_required');
    await assert.rejects(buildArticle(t.db, { leadImage: { mediaId: 1, alt: '' } }), (e: AppError) => e.code === 'content.image_alt_required');
  });

  it('refuses an empty title and an unknown category', async () => {
    await assert.rejects(buildArticle(t.db, { title: '   ' }), (e: AppError) => e.code === 'content.title_required');
    await assert.rejects(buildArticle(t.db, { categoryId: 999_999 }), (e: AppError) => e.kind === 'NotFound');
  });

  it('lists only what readers may see: published and due', async () => {
    const now = new Date();
    const category = await buildCategory(t.db);
    const inCategory = { categoryId: category.id };
    const visible = await buildArticle(t.db, inCategory, now);
    const hidden = await Promise.all([
      buildArticle(t.db, { ...inCategory, status: 'draft' }, now),
      buildArticle(t.db, { ...inCategory, status: 'pending' }, now),
      buildArticle(t.db, { ...inCategory, status: 'rejected' }, now),
      buildArticle(t.db, { ...inCategory, status: 'withdrawn' }, now),
      buildArticle(t.db, { ...inCategory, publishedAt: new Date(now.getTime() + HOUR) }, now),
    ]);
    const listed = await listPublishedArticles(t.db, { now, categoryIds: [category.id], limit: 50 });
    assert.deepEqual(listed.map((a) => a.id), [visible.id]);
    assert.equal(await countPublishedArticles(t.db, now, { categoryIds: [category.id] }), 1);
    for (const article of hidden) assert.equal(isVisibleToReaders(article, now), false, article.status);
    assert.equal(isVisibleToReaders(visible, now), true);
  });

  it('orders newest first, pinned first when asked, and pages', async () => {
    const now = new Date();
    const category = await buildCategory(t.db);
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const old = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(30) }, now);
    const pinned = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(20), flags: { pinned: true } }, now);
    const recent = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(1) }, now);
    const ids = async (q: object) => (await listPublishedArticles(t.db, { now, categoryIds: [category.id], limit: 10, ...q })).map((a) => a.id);
    assert.deepEqual(await ids({}), [recent.id, pinned.id, old.id]);
    assert.deepEqual(await ids({ pinnedFirst: true }), [pinned.id, recent.id, old.id]);
    assert.deepEqual(await ids({ limit: 1, offset: 1 }), [pinned.id]);
    assert.deepEqual(await ids({ excludeIds: [recent.id] }), [pinned.id, old.id]);
  });

  it('pages 置顶 first, then newest, over several categories, as one list would sort them', async () => {
    const now = new Date();
    const [parent, child, elsewhere] = [await buildCategory(t.db), await buildCategory(t.db), await buildCategory(t.db)];
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const made: Array<{ id: number; pinned: boolean; hoursAgo: number }> = [];
    const spec = [
      [parent, 9, true], [child, 1, true], [parent, 5, true], [child, 2, false], [parent, 2, false],
      [parent, 3, false], [child, 8, false], [parent, 12, false], [child, 2, true],
    ] as const;
    for (const [category, hoursAgo, pinned] of spec) {
      const article = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(hoursAgo), flags: { pinned } }, now);
      made.push({ id: article.id, pinned, hoursAgo });
    }
    await buildArticle(t.db, { categoryId: child.id, publishedAt: at(-1), flags: { pinned: true } }, now);
    await buildArticle(t.db, { categoryId: elsewhere.id, publishedAt: at(1), flags: { pinned: true } }, now);
    // 置顶 first, then newest, the later id first at the same moment: as ORDER BY is_pinned DESC, published_at DESC, id DESC.
    const expected = [...made].sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.hoursAgo - b.hoursAgo || b.id - a.id).map((a) => a.id);
    const categoryIds = [parent.id, child.id];
    for (const pageSize of [1, 2, 4, 20]) {
      const pages: number[] = [];
      for (let offset = 0; offset < made.length + pageSize; offset += pageSize) {
        pages.push(...(await listPublishedArticles(t.db, { now, categoryIds, pinnedFirst: true, limit: pageSize, offset })).map((a) => a.id));
      }
      assert.deepEqual(pages, expected, `pages of ${pageSize}`);
    }
    const newest = (await listPublishedArticles(t.db, { now, categoryIds: [child.id, parent.id, child.id], limit: 3 })).map((a) => a.id);
    assert.deepEqual(newest, [...made].sort((a, b) => a.hoursAgo - b.hoursAgo || b.id - a.id).slice(0, 3).map((a) => a.id), 'newest first, pinned or not');
    assert.deepEqual(await listPublishedArticles(t.db, { now, categoryIds: [], limit: 3 }), []);

    // More categories than SQLite takes parts in one query: read in one part, in the same order.
    const many = [parent.id, child.id, ...(await Promise.all(Array.from({ length: 260 }, () => buildCategory(t.db)))).map((c) => c.id)];
    const all = (await listPublishedArticles(t.db, { now, categoryIds: many, pinnedFirst: true, limit: 4, offset: 2 })).map((a) => a.id);
    assert.deepEqual(all, expected.slice(2, 6), 'a section of 262 categories');
  });

  it('finds the previous and next published article in the category, skipping hidden ones', async () => {
    const now = new Date();
    const category = await buildCategory(t.db);
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const first = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(3) }, now);
    await buildArticle(t.db, { categoryId: category.id, status: 'withdrawn' }, now);
    const middle = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(2) }, now);
    const last = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(1) }, now);
    await buildArticle(t.db, { categoryId: category.id, publishedAt: at(-1) }, now);
    const scheduled = await buildArticle(t.db, { categoryId: category.id, publishedAt: at(-2) }, now);
    const around = await findNeighbours(t.db, middle, now);
    assert.equal(around.previous?.id, first.id);
    assert.equal(around.next?.id, last.id);
    const atEnd = await findNeighbours(t.db, last, now);
    assert.equal(atEnd.previous?.id, middle.id);
    assert.equal(atEnd.next, undefined);
    const atStart = await findNeighbours(t.db, first, now);
    assert.equal(atStart.previous, undefined);
    assert.equal(atStart.next?.id, middle.id);
    const ofScheduled = await findNeighbours(t.db, scheduled, now);
    assert.deepEqual([ofScheduled.previous?.id, ofScheduled.next], [last.id, undefined], 'a staff preview of what is scheduled: the newest visible article, not one scheduled before it');
  });

  it('orders articles published at the same moment by id for their neighbours', async () => {
    const now = new Date();
    const category = await buildCategory(t.db);
    const sameMoment = new Date(now.getTime() - HOUR);
    const first = await buildArticle(t.db, { categoryId: category.id, publishedAt: sameMoment }, now);
    const middle = await buildArticle(t.db, { categoryId: category.id, publishedAt: sameMoment }, now);
    const last = await buildArticle(t.db, { categoryId: category.id, publishedAt: sameMoment }, now);
    const around = await findNeighbours(t.db, middle, now);
    assert.equal(around.previous?.id, first.id);
    assert.equal(around.next?.id, last.id);
    assert.equal(around.previous?.title, first.title, 'the card, whole');
  });
});
