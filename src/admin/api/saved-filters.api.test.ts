// 我的筛选: each staff member's named filters of the article list, through the admin API and on the list page.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { MAX_SAVED_FILTERS } from '../../content/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { signedInStaff, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

describeEachDatabase('saved article-list filters', (t) => {
  let app: FastifyInstance;
  let editor: Headers;
  let other: Headers;

  before(async () => {
    app = await buildTestApp(t.db);
    editor = (await staffWithToken(t.db, 'editor')).headers;
    other = (await staffWithToken(t.db, 'reviewer')).headers;
  });
  after(() => app.close());

  const save = (headers: Headers, payload: object) => app.inject({ method: 'POST', url: '/api/admin/me/saved-filters', headers, payload });
  const list = async (headers: Headers) => (await app.inject({ url: '/api/admin/me/saved-filters', headers })).json().filters as Array<{ id: number; name: string; query: string }>;

  it('keeps the list filters under a name, in a fixed order and without anything else, and replaces a filter of the same name', async () => {
    const saved = await save(editor, { name: ' 待审民生 ', query: 'title=菜市场&status=pending&page=3&utm_source=x' });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().filter.name, '待审民生');
    assert.equal(saved.json().filter.query, `status=pending&title=${encodeURIComponent('菜市场')}`);
    const again = await save(editor, { name: '待审民生', query: 'status=draft' });
    assert.equal(again.json().filter.id, saved.json().filter.id);
    assert.deepEqual((await list(editor)).map((f) => [f.name, f.query]), [['待审民生', 'status=draft']]);
    assert.deepEqual(await list(other), [], "another person's list is their own");
  });

  it('refuses an empty or long name and a filter that filters nothing, in Chinese', async () => {
    for (const [payload, error] of [
      [{ name: '  ', query: 'status=draft' }, 'content.filter_name_invalid'],
      [{ name: '一二三四五六七八九十一二三四五六七八九十一', query: 'status=draft' }, 'content.filter_name_invalid'],
      [{ name: '全部', query: 'page=2' }, 'content.filter_empty'],
    ] as const) {
      const res = await save(editor, payload);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error, error);
      assert.match(res.json().message, /[\u4e00-\u9fff]/);
    }
  });

  it(`keeps at most ${MAX_SAVED_FILTERS} per person, however many are saved at once`, async () => {
    const { headers } = await staffWithToken(t.db, 'editor');
    const answers = await Promise.all(Array.from({ length: MAX_SAVED_FILTERS + 6 }, (_, n) => save(headers, { name: `筛选${n}`, query: `categoryId=${n + 1}` })));
    assert.equal(answers.filter((r) => r.statusCode === 201).length, MAX_SAVED_FILTERS);
    assert.ok(answers.filter((r) => r.statusCode !== 201).every((r) => r.json().error === 'content.too_many_filters'));
    assert.equal((await list(headers)).length, MAX_SAVED_FILTERS);
  });

  it("deletes one's own filter, and finds nobody else's", async () => {
    const mine = (await save(editor, { name: '要删的', query: 'status=rejected' })).json().filter;
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/me/saved-filters/${mine.id}`, headers: other })).statusCode, 404);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/me/saved-filters/${mine.id}`, headers: editor })).statusCode, 204);
    assert.ok(!(await list(editor)).some((f) => f.id === mine.id));
  });

  it('shows the saved filters above the list, the current one marked, and offers to keep the filters set now', async () => {
    const staff = await signedInStaff(app, t.db, 'editor');
    const page = async (url: string) => (await app.inject({ url, headers: staff.headers })).body;
    assert.ok(!(await page('/admin/articles')).includes('保存筛选'), 'nothing to keep without a filter');
    const filtered = await page('/admin/articles?status=pending&categoryId=&authorId=&title=');
    assert.match(filtered, /<input type="hidden" name="query" value="status=pending"\/>/);
    assert.equal((await save(staff.headers, { name: '我的待审', query: 'status=pending' })).statusCode, 201);
    assert.match(await page('/admin/articles?status=pending'), /<a href="\/admin\/articles\?status=pending" aria-current="page">我的待审<\/a>/);
  });
});
