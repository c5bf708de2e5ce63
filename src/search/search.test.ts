import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { transitionArticle, updateArticle } from '../content/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { buildArticle, buildCategory, buildStaff } from '../test-support/factories.js';
import { fullTextIndex } from './full-text.js';
import { addSearchWords, deleteSearchWord, indexMissingArticles, listSearchWords, reindexArticlesContaining, searchArticles, searchReindexSettled, segmentForIndex, segmentQuery } from './index.js';

const DAY = 86_400_000;

describeEachDatabase('site search', (t) => {
  /** Searches one category only, so articles other tests made stay out of the answer. */
  const search = async (query: string, categoryId: number, extra: Partial<Parameters<typeof searchArticles>[1]> = {}) =>
    searchArticles(t.db, { query, now: new Date(), categoryIds: [categoryId], page: 1, pageSize: 10, ...extra });
  const ids = (result: { hits: Array<{ id: number }> }) => result.hits.map((h) => h.id);
  const reviewer = async () => ({ user: await buildStaff(t.db, 'reviewer'), ip: '127.0.0.1' });

  it('finds published articles by words of the title, summary and body (text, not markup)', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const inTitle = await buildArticle(t.db, { categoryId, title: '溪口镇老街改造完工' });
    const inSummary = await buildArticle(t.db, { categoryId, title: '一则消息', summary: '溪口镇的居民搬回了新房' });
    const inBody = await buildArticle(t.db, { categoryId, title: '另一则消息', bodyHtml: '<p>昨天，<strong>溪口镇</strong>举行了庆祝活动。</p>' });
    await buildArticle(t.db, { categoryId, title: '无关的消息', bodyHtml: '<p><a href="https://example.com/xikouzhen">链接</a></p>' });
    const result = await search('溪口镇', categoryId);
    assert.deepEqual(new Set(ids(result)), new Set([inTitle.id, inSummary.id, inBody.id]));
    assert.equal(result.hits[0]!.id, inTitle.id, 'a title hit ranks first');
    const body = result.hits.find((h) => h.id === inBody.id)!;
    assert.deepEqual(body.excerpt.filter((p) => p.mark).map((p) => p.text), ['溪口镇']);
    assert.ok(!body.excerpt.some((p) => p.text.includes('<')), 'excerpts are text, never markup');
  });

  it('ranks a fresh article above an old one with the same words', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const now = new Date();
    const old = await buildArticle(t.db, { categoryId, title: '青溪县图书馆开放', publishedAt: new Date(now.getTime() - 300 * DAY) }, now);
    const fresh = await buildArticle(t.db, { categoryId, title: '青溪县图书馆开放', publishedAt: new Date(now.getTime() - DAY) }, now);
    assert.deepEqual(ids(await search('图书馆', categoryId)), [fresh.id, old.id]);
  });

  it('weighs where all the words are (title, then summary and tags, then body) above a few weeks of freshness', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const inBody = await buildArticle(t.db, { categoryId, title: '一则消息', bodyHtml: '<p>黄泥坳乡修路</p>', publishedAt: at(1) }, now);
    const inSummary = await buildArticle(t.db, { categoryId, title: '二则消息', summary: '黄泥坳乡修路', publishedAt: at(20) }, now);
    const inTitle = await buildArticle(t.db, { categoryId, title: '黄泥坳乡修路', publishedAt: at(60) }, now);
    const titleHasOne = await buildArticle(t.db, { categoryId, title: '黄泥坳乡消息', bodyHtml: '<p>修路</p>', publishedAt: at(2) }, now);
    assert.deepEqual(ids(await search('黄泥坳乡 修路', categoryId)), [inTitle.id, inSummary.id, inBody.id, titleHasOne.id]);
  });

  it('finds matches however far apart their ids are, newest first, as PostgreSQL reads them in widening windows of ids', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    /** Moves the ids the next articles get this far on, as years of articles in other categories would. */
    const skipIds = async (count: number) => {
      if (t.kind === 'postgres') await sql`select setval('articles_id_seq', (select max(id) from articles) + ${count})`.execute(t.db);
      else await sql`update sqlite_sequence set seq = seq + ${count} where name = 'articles'`.execute(t.db);
    };
    const now = new Date();
    const oldest = await buildArticle(t.db, { categoryId, title: '金竹坪乡建成茶厂', publishedAt: new Date(now.getTime() - 3 * DAY) }, now);
    await skipIds(30_000);
    const middle = await buildArticle(t.db, { categoryId, title: '金竹坪乡茶叶丰收', publishedAt: new Date(now.getTime() - 2 * DAY) }, now);
    await skipIds(3_000);
    const newest = await buildArticle(t.db, { categoryId, title: '金竹坪乡新茶上市', publishedAt: new Date(now.getTime() - DAY) }, now);
    await skipIds(5_000);
    await buildArticle(t.db, { categoryId, title: '别的消息' });
    assert.deepEqual(ids(await search('金竹坪乡', categoryId)), [newest.id, middle.id, oldest.id]);
    assert.deepEqual(ids(await search('金竹坪乡', categoryId, { before: new Date(now.getTime() - 1.5 * DAY) })), [middle.id, oldest.id]);
  });

  it('never finds drafts, scheduled articles before their time, or withdrawn articles; a withdrawal takes effect at once', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const now = new Date();
    await buildArticle(t.db, { categoryId, title: '桃花岭草稿消息', status: 'draft' });
    const scheduled = await buildArticle(t.db, { categoryId, title: '桃花岭定时消息', publishedAt: new Date(now.getTime() + DAY) }, now);
    const live = await buildArticle(t.db, { categoryId, title: '桃花岭公开消息' });
    assert.deepEqual(ids(await search('桃花岭', categoryId)), [live.id]);
    assert.deepEqual(new Set(ids(await search('桃花岭', categoryId, { now: new Date(now.getTime() + 2 * DAY) }))), new Set([scheduled.id, live.id]));

    await transitionArticle(t.db, { articleId: live.id, to: 'withdrawn', reason: '内容有误', actor: await reviewer(), reviewLevels: 1 }, new Date());
    assert.deepEqual(ids(await search('桃花岭', categoryId)), []);
  });

  it('follows edits of a published article at once', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId, title: '双河口大桥开工' });
    await updateArticle(t.db, article.id, { title: '沙湾大桥开工' }, await reviewer(), new Date());
    assert.deepEqual(ids(await search('双河', categoryId)), []);
    assert.deepEqual(ids(await search('沙湾', categoryId)), [article.id]);
  });

  it('finds the simplified article with a query in traditional characters', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId, title: '溪口镇开展头发义剪活动', bodyHtml: '<p>老年协会组织志愿者。</p>' });
    for (const query of ['溪口鎮', '頭髮', '老年協會']) assert.deepEqual(ids(await search(query, categoryId)), [article.id], query);
  });

  it('indexes an article written in 繁體 in simplified characters: queries in either script find it, marked where it says them', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId, title: '雙河口鄉開展頭髮義剪活動', summary: '', bodyHtml: '<p>老年協會組織志願者。</p>' });
    for (const query of ['双河口乡', '雙河口鄉', '头发', '老年协会', '老年協會']) assert.deepEqual(ids(await search(query, categoryId)), [article.id], query);
    const hit = (await search('老年协会 头发', categoryId)).hits[0]!;
    assert.deepEqual(hit.title.filter((p) => p.mark).map((p) => p.text), ['頭髮']);
    assert.deepEqual(hit.excerpt.filter((p) => p.mark).map((p) => p.text), ['老年', '協會']);
    assert.deepEqual(await segmentForIndex(t.db, '老年協會'), await segmentForIndex(t.db, '老年协会'), 'cut into the same words');
  });

  it('filters by date range and pages through the matches', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const now = new Date();
    const articles = [];
    for (let day = 1; day <= 5; day += 1) {
      articles.push(await buildArticle(t.db, { categoryId, title: `石门坎村通报第${day}期`, publishedAt: new Date(now.getTime() - day * DAY) }, now));
    }
    const inRange = await search('石门坎', categoryId, { from: new Date(now.getTime() - 3.5 * DAY), before: new Date(now.getTime() - 1.5 * DAY) });
    assert.deepEqual(ids(inRange), [articles[1]!.id, articles[2]!.id]);
    const page2 = await search('石门坎', categoryId, { page: 2, pageSize: 2 });
    assert.equal(page2.total, 5);
    assert.deepEqual(ids(page2), [articles[2]!.id, articles[3]!.id]);
    const pastTheEnd = await search('石门坎', categoryId, { page: 40, pageSize: 2 });
    assert.deepEqual([pastTheEnd.hits, pastTheEnd.total], [[], 5], 'a page past the end is empty and still knows the total');
    const noneThen = await search('石门坎', categoryId, { from: new Date(now.getTime() + DAY), now: new Date(now.getTime() + 2 * DAY) });
    assert.deepEqual([noneThen.hits, noneThen.total], [[], 0], 'a range nothing was published in');
  });

  it('reads no operators or markup in a query, and finds nothing rather than failing on queries without words', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId, title: '龙潭村修路 NEAR 完工', bodyHtml: '<p>select 语句</p>' });
    for (const query of ['', ' ', '镇', '😀🎉', '，。！？……', '"', '*', '-', '()', '"龙潭" OR *', 'NEAR(龙潭 修路)', '-龙潭', "龙潭' OR 1=1 --", '龙潭"; DROP TABLE articles; --', '<script>alert(1)</script>', 'AND', 'NOT 龙潭', '龙潭*']) {
      const result = await search(query, categoryId);
      assert.ok(Array.isArray(result.hits), query);
    }
    assert.deepEqual(ids(await search('"龙潭" * -(修路)', categoryId)), [article.id], 'operator characters only separate words');
    assert.deepEqual(ids(await search('龙潭 OR 县城', categoryId)), [], 'OR is a word to find, not an operator');
    assert.deepEqual(ids(await search('near', categoryId)), [article.id], 'NEAR is a word like any other');
    assert.deepEqual(ids(await search('😀🎉', categoryId)), []);
    assert.deepEqual((await search('，。！？', categoryId)).words, []);
  });

  it('refuses a query longer than 100 characters with its own error', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    await assert.rejects(search('青'.repeat(500), categoryId), (error: unknown) => error instanceof AppError && error.code === 'search.query_too_long');
    await search('青'.repeat(100), categoryId);
  });

  it('cuts user dictionary words whole, in queries and in the articles indexed after, and re-indexes the articles they occur in', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const word = '龙潭坝';
    const village = await buildArticle(t.db, { categoryId, title: '龙潭坝村开会' });
    const apart = await buildArticle(t.db, { categoryId, title: '龙潭村的坝加固' });
    assert.deepEqual(await segmentQuery(t.db, word), ['龙潭', '坝'], 'jieba alone cuts the name apart');
    assert.deepEqual(new Set(ids(await search(word, categoryId))), new Set([village.id, apart.id]), 'so both articles match its pieces');

    assert.deepEqual(await addSearchWords(t.db, [word, ' 青溪 '], new Date()), [word, '青溪']);
    assert.deepEqual(await addSearchWords(t.db, [word], new Date()), [], 'a word already there is not added twice');
    assert.deepEqual(await segmentQuery(t.db, word), [word]);
    assert.ok((await segmentForIndex(t.db, '在龙潭坝村开会'))[0].split(' ').includes(word));
    await reindexArticlesContaining(t.db, [word], (error) => assert.fail(String(error)));
    await searchReindexSettled(t.db);
    assert.deepEqual(ids(await search(word, categoryId)), [village.id], 'the name is one word now, on both sides');

    const entry = (await listSearchWords(t.db)).find((w) => w.word === word)!;
    assert.equal(await deleteSearchWord(t.db, entry.id), word);
    assert.deepEqual(await segmentQuery(t.db, word), ['龙潭', '坝'], 'a deleted word cuts apart again');
  });

  it('re-indexes an article whose tag holds a new dictionary word, though its text does not', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const word = '石门坎';
    const article = await buildArticle(t.db, { categoryId, title: '村里开会', tags: [word] });
    assert.deepEqual(ids(await search(word, categoryId)), [article.id], 'found by the pieces of its tag');
    await addSearchWords(t.db, [word], new Date());
    await reindexArticlesContaining(t.db, [word], (error) => assert.fail(String(error)));
    await searchReindexSettled(t.db);
    assert.deepEqual(ids(await search(word, categoryId)), [article.id], 'and by the whole word now');
  });

  it('takes a dictionary word’s Latin letters in any case, in articles written before it and in queries', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    const lower = await buildArticle(t.db, { categoryId, title: 'brt快线明天开通' });
    const upper = await buildArticle(t.db, { categoryId, title: 'BRT快线明天开通' });
    const mixed = await buildArticle(t.db, { categoryId, title: 'Brt快线明天开通' });
    await addSearchWords(t.db, ['BRT快线'], new Date());
    await reindexArticlesContaining(t.db, ['BRT快线'], (error) => assert.fail(String(error)));
    await searchReindexSettled(t.db);
    for (const typed of ['brt快线', 'Brt快线', 'bRT快线']) assert.deepEqual(await segmentQuery(t.db, typed), ['brt快线'], `typed ${typed}`);
    for (const query of ['brt快线', 'BRT快线', 'Brt快线']) assert.deepEqual(new Set(ids(await search(query, categoryId))), new Set([lower.id, upper.id, mixed.id]), query);
  });

  it('keeps the base dictionary’s words with capitals whole in whatever case they are typed', async () => {
    for (const typed of ['B超', 'b超']) assert.deepEqual(await segmentQuery(t.db, `${typed}检查`), ['b超', '检查'], typed);
  });

  it('indexes the published articles the index lacks, as on a site that had articles before search came', async () => {
    const { id: categoryId } = await buildCategory(t.db);
    // More than one batch of them, among articles indexed already and a draft, which stays out.
    const articles = [];
    for (let i = 0; i < 25; i += 1) articles.push(await buildArticle(t.db, { categoryId, title: `三岔河镇老街${i}` }));
    const draft = await buildArticle(t.db, { categoryId, title: '三岔河镇草稿', status: 'draft' });
    const lacking = articles.filter((_, i) => i % 5 !== 2);
    for (const article of lacking) await fullTextIndex(t.db).remove(t.db, article.id);
    const found = async () => new Set(ids(await search('三岔河', categoryId, { pageSize: 30 })));
    assert.deepEqual(await found(), new Set(articles.filter((a) => !lacking.includes(a)).map((a) => a.id)));
    await indexMissingArticles(t.db, (error) => assert.fail(String(error)));
    assert.deepEqual(await found(), new Set(articles.map((a) => a.id)));
    const stillMissing = await fullTextIndex(t.db).listMissing(t.db, draft.id - 1, 10);
    assert.ok(!stillMissing.includes(draft.id), 'a draft is not missing: every start would index it again');
  });

  it('refuses dictionary words that jieba could not take', async () => {
    for (const word of ['青', '青溪 县', '青溪\t1', 'x'.repeat(21), '青溪!']) {
      await assert.rejects(addSearchWords(t.db, [word], new Date()), (error: unknown) => error instanceof AppError && error.code === 'search.invalid_word', word);
    }
  });
});
