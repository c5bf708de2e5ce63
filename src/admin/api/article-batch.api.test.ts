// Batch work from the article list: the rules of one article at a time, all or none, each article in the audit log.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../accounts/index.js';
import { createArticle, MAX_BATCH_ARTICLES } from '../../content/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, buildCategory, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
interface ArticleJson {
  id: number;
  title: string;
  status: string;
  version: number;
  categoryId: number;
  statusReason: string | null;
  flags: { headline: boolean; recommended: boolean; pinned: boolean };
}

describeEachDatabase('batch work on articles through the admin API', (t) => {
  let app: FastifyInstance;
  let editor: Headers;
  let otherEditor: Headers;
  let reviewer: Headers;
  let admin: Headers;
  let categoryId: number;

  before(async () => {
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
    [editor, otherEditor, reviewer, admin] = (
      await Promise.all((['editor', 'editor', 'reviewer', 'admin'] as StaffRole[]).map((role) => staffWithToken(t.db, role)))
    ).map((s) => s.headers) as [Headers, Headers, Headers, Headers];
    categoryId = (await buildCategory(t.db, { name: '批量测试' })).id;
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const read = async (id: number) => (await api('GET', `/api/admin/articles/${id}`, admin)).json().article as ArticleJson;
  const draft = async (headers = editor) => {
    const res = await api('POST', '/api/admin/articles', headers, { categoryId, title: `批量 ${uniqueSuffix()}`, bodyHtml: '<p>正文</p>', origin: 'original' });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().article as ArticleJson;
  };
  const pending = async () => {
    const article = await draft();
    assert.equal((await api('POST', `/api/admin/articles/${article.id}/transitions`, editor, { to: 'pending' })).statusCode, 200);
    return read(article.id);
  };
  const versionsOf = (articles: ArticleJson[]) => Object.fromEntries(articles.map((a) => [String(a.id), a.version]));
  const auditCount = async (action: string, ids: number[]) =>
    Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).where('target_id', 'in', ids.map(String)).executeTakeFirstOrThrow()).n);

  it('approves several articles at once, each audited and each on the site', async () => {
    const articles = await Promise.all([pending(), pending(), pending()]);
    const ids = articles.map((a) => a.id);
    const res = await api('POST', '/api/admin/articles/transitions', reviewer, { ids, to: 'published', versions: versionsOf(articles) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().moved, ids.map((id) => ({ id, outcome: 'moved' })));
    for (const id of ids) assert.equal((await app.inject(`/a/${id}`)).statusCode, 200);
    assert.equal(await auditCount('article.approve', ids), 3);
  });

  it('changes nothing when any article may not move, and says which and why', async () => {
    const [ready, notSubmitted] = await Promise.all([pending(), draft()]);
    const missing = 2_000_000_000;
    const res = await api('POST', '/api/admin/articles/transitions', reviewer, {
      ids: [ready.id, notSubmitted.id, missing],
      to: 'published',
      versions: versionsOf([ready, notSubmitted]),
    });
    assert.equal(res.statusCode, 409, res.body);
    const body = res.json();
    assert.equal(body.error, 'content.batch_refused');
    assert.match(body.message, /有 2 篇文章不能这样处理，所以这一批都没有改动/);
    assert.deepEqual(
      body.details.refused.map((r: { id: number; title: string | null; error: string }) => [r.id, r.title, r.error]),
      [
        [notSubmitted.id, notSubmitted.title, 'workflow.illegal_transition'],
        [missing, null, 'content.article_not_found'],
      ],
    );
    assert.ok(body.details.refused.every((r: { message: string }) => /[\u4e00-\u9fff]/.test(r.message)), 'each reason in Chinese');
    assert.equal((await read(ready.id)).status, 'pending', 'the article that could move did not');
    assert.equal(await auditCount('article.approve', [ready.id]), 0);
  });

  it('refuses a batch approval for articles edited since they were read', async () => {
    const article = await pending();
    const res = await api('POST', '/api/admin/articles/transitions', reviewer, { ids: [article.id], to: 'published', versions: { [article.id]: article.version + 1 } });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().details.refused[0].error, 'workflow.stale_version');
  });

  it('withdraws published articles with one reason for all, and readers no longer see them', async () => {
    const articles = await Promise.all([buildArticle(t.db, { categoryId }), buildArticle(t.db, { categoryId })]);
    const ids = articles.map((a) => a.id);
    for (const id of ids) assert.equal((await app.inject(`/a/${id}`)).statusCode, 200);
    const res = await api('POST', '/api/admin/articles/transitions', reviewer, { ids, to: 'withdrawn', reason: '活动取消，统一下架' });
    assert.equal(res.statusCode, 200, res.body);
    for (const id of ids) {
      assert.equal((await read(id)).statusReason, '活动取消，统一下架');
      assert.equal((await app.inject(`/a/${id}`)).statusCode, 404);
    }
    const editorTries = await api('POST', '/api/admin/articles/transitions', editor, { ids, to: 'published', versions: versionsOf(await Promise.all(ids.map(read))) });
    assert.equal(editorTries.statusCode, 409);
    assert.ok(editorTries.json().details.refused.every((r: { error: string }) => r.error === 'auth.forbidden'), 'an editor may not republish');
  });

  it('moves articles to another section and sets their marks, as an edit of each', async () => {
    const [a, b] = await Promise.all([draft(), draft()]);
    const target = await buildCategory(t.db, { name: `新栏目${uniqueSuffix()}` });
    const res = await api('PATCH', '/api/admin/articles', reviewer, { ids: [a.id, b.id], change: { categoryId: target.id, flags: { headline: true, pinned: true } } });
    assert.equal(res.statusCode, 200, res.body);
    for (const id of [a.id, b.id]) {
      const now = await read(id);
      assert.equal(now.categoryId, target.id);
      assert.deepEqual(now.flags, { headline: true, recommended: false, pinned: true });
      assert.equal(now.version, a.version + 1, 'an edit moves the version on');
    }
    assert.equal(await auditCount('article.update', [a.id, b.id]), 2);
    const cleared = await api('PATCH', '/api/admin/articles', reviewer, { ids: [a.id], change: { flags: { headline: false } } });
    assert.deepEqual((cleared.json().articles[0] as ArticleJson).flags, { headline: false, recommended: false, pinned: true });
  });

  it("leaves every article as it was when the person may not edit one of them", async () => {
    const [own, published] = await Promise.all([draft(), buildArticle(t.db, { categoryId })]);
    const res = await api('PATCH', '/api/admin/articles', editor, { ids: [own.id, published.id], change: { flags: { recommended: true } } });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json().details.refused.map((r: { id: number; error: string }) => [r.id, r.error]), [[published.id, 'content.article_not_editable']]);
    assert.equal((await read(own.id)).flags.recommended, false);
    const empty = await api('PATCH', '/api/admin/articles', editor, { ids: [own.id], change: {} });
    assert.equal(empty.statusCode, 400, 'a batch that changes nothing is refused');
  });

  it('deletes drafts never published: editors their own, reviewers any, never a published article', async () => {
    const [mine, theirs, published] = await Promise.all([draft(editor), draft(otherEditor), buildArticle(t.db, { categoryId })]);
    const refused = await api('POST', '/api/admin/articles/deletions', editor, { ids: [mine.id, theirs.id, published.id] });
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(refused.json().details.refused.map((r: { id: number; error: string }) => [r.id, r.error]), [
      [theirs.id, 'content.not_your_draft'],
      [published.id, 'content.not_a_draft'],
    ]);
    assert.equal((await read(mine.id)).status, 'draft', 'nothing was deleted');
    const own = await api('POST', '/api/admin/articles/deletions', editor, { ids: [mine.id] });
    assert.deepEqual(own.json(), { deleted: [mine.id] });
    const byReviewer = await api('POST', '/api/admin/articles/deletions', reviewer, { ids: [theirs.id] });
    assert.deepEqual(byReviewer.json(), { deleted: [theirs.id] });
    assert.equal((await api('GET', `/api/admin/articles/${theirs.id}`, admin)).statusCode, 404);
    assert.equal(await auditCount('article.delete', [mine.id, theirs.id]), 2);
  });

  it(`works through a batch of ${MAX_BATCH_ARTICLES} and refuses a larger one with a 400`, async () => {
    const now = new Date();
    const ids: number[] = [];
    for (let n = 0; n < MAX_BATCH_ARTICLES; n++) {
      ids.push((await createArticle(t.db, { categoryId, title: `千篇 ${n}`, bodyHtml: '<p>正文</p>', origin: 'original', status: 'draft', publisher: null }, now)).id);
    }
    const res = await api('PATCH', '/api/admin/articles', reviewer, { ids, change: { flags: { recommended: true } } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().articles.length, MAX_BATCH_ARTICLES);
    const tooMany = await api('POST', '/api/admin/articles/deletions', reviewer, { ids: [...ids, 2_000_000_001] });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().field, 'ids');
    const deleted = await api('POST', '/api/admin/articles/deletions', reviewer, { ids });
    assert.equal(deleted.json().deleted.length, MAX_BATCH_ARTICLES);
  });
});
