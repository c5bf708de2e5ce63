import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAuditEntries } from '../../audit/index.js';
import { transitionArticle, updateArticle } from '../../content/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

describeEachDatabase('the audit log, read in Chinese', (t) => {
  let app: FastifyInstance;
  let admin: Awaited<ReturnType<typeof signedInStaff>>;

  before(async () => {
    app = await buildTestApp(t.db);
    admin = await signedInStaff(app, t.db, 'admin');
  });
  after(() => app.close());

  it('records one entry per real change, with only the fields that moved, old → new', async () => {
    const article = await buildArticle(t.db, { title: '青溪大桥今日通车', status: 'draft' });
    const actor = { user: admin.user, ip: '115.236.0.1' };
    const now = new Date();
    // A form sends every field; only the title and the flags differ.
    await updateArticle(t.db, article.id, { title: '青溪大桥明日通车', summary: article.summary, bodyHtml: article.bodyHtml, flags: { headline: true } }, actor, now);
    await updateArticle(t.db, article.id, { title: '青溪大桥明日通车', summary: article.summary }, actor, now); // nothing changes
    await transitionArticle(t.db, { articleId: article.id, to: 'pending', actor, reviewLevels: 1 }, now);

    const entries = await listAuditEntries(t.db, { targetType: 'article', targetId: String(article.id), limit: 10 });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['article.submit', 'article.update'],
    );
    assert.deepEqual(entries[1]!.details, { fields: ['title', 'flags'], changes: { title: { from: '青溪大桥今日通车', to: '青溪大桥明日通车' }, flags: { from: null, to: 'headline' } } });

    const page = (await app.inject({ url: `/admin/audit?targetType=article&targetId=${article.id}`, headers: admin.headers })).body;
    assert.ok(page.includes(`<a href="/admin/articles/${article.id}/edit">《青溪大桥明日通车》</a>`), 'the article by its title, linked');
    assert.ok(page.includes('<li>标题：青溪大桥今日通车 → 青溪大桥明日通车</li>'));
    assert.ok(page.includes('<li>标记：（空） → 头条</li>'));
    assert.ok(page.includes('<li>状态：草稿 → 待审核</li>'));
    assert.ok(page.includes(`<td data-label="操作人">${admin.user.displayName}</td>`), 'who, by display name');
    assert.doesNotMatch(page, /reason|null|article #/);
    assert.match(page, /<select[^>]*name="targetType"[^>]*>.*<option value="article" selected(="")?>文章<\/option>/s);
  });

  it('answers a day no calendar has, or a leap second JavaScript cannot hold, with 400 and what to type', async () => {
    const page = await app.inject({ url: '/admin/audit?since=2024-13-45', headers: admin.headers });
    assert.equal(page.statusCode, 400);
    assert.ok(page.body.includes('请按 2026-01-31 这样的格式填写年月日'));
    const api = await app.inject({ url: '/api/admin/audit?since=2030-06-30T23:59:60Z', headers: admin.headers });
    assert.equal(api.statusCode, 400, api.body);
    assert.equal(api.json().field, 'since');
  });
});
