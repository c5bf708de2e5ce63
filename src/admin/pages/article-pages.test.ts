import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole, StaffUser } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { saveSiteSettings } from '../../site/index.js';
import { buildArticle, buildCategory, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Signed = { user: StaffUser; headers: Record<string, string> };

describeEachDatabase('article list and editor pages', (t) => {
  let app: FastifyInstance;
  const staff = {} as Record<StaffRole, Signed>;
  let categoryId: number;

  before(async () => {
    app = await buildTestApp(t.db);
    for (const role of ['admin', 'editor', 'reviewer'] as const) staff[role] = await signedInStaff(app, t.db, role);
    categoryId = (await buildCategory(t.db, { name: '民生新闻' })).id;
  });
  after(() => app.close());

  const page = async (url: string, role: StaffRole) => {
    const res = await app.inject({ method: 'GET', url, headers: staff[role].headers });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  const buttons = (html: string) => [...html.matchAll(/data-transition="(\w+)"/g)].map((m) => m[1]);

  it('lists articles of every status, filtered by status, category, author and title', async () => {
    const mine = await buildArticle(t.db, { categoryId, title: '草稿：菜市场改造', status: 'draft', createdBy: staff.editor.user.id });
    const pending = await buildArticle(t.db, { categoryId, title: '待审：公交线路调整', status: 'pending', createdBy: staff.editor.user.id, author: '通讯员 李明' });
    await buildArticle(t.db, { title: '别的栏目里的文章', status: 'published' });

    const all = await page('/admin', 'editor');
    assert.ok(all.includes(`href="/admin/articles/${mine.id}/edit"`) && all.includes(`href="/admin/articles/${pending.id}/edit"`));
    assert.match(all, new RegExp(`href="/a/${pending.id}" target="_blank"`), 'each row has a preview link');
    assert.match(all, /<span class="status status--pending">待审核<\/span>/);
    const account = staff.editor.user.displayName;
    assert.ok(all.includes(`<span class="byline-pair">撰稿账号：${account}</span><span class="byline-pair">署名：通讯员 李明</span>`), 'the account and the byline, each named');

    const onlyPending = await page('/admin?status=pending', 'editor');
    assert.ok(onlyPending.includes('待审：公交线路调整') && !onlyPending.includes('草稿：菜市场改造'));
    assert.match(onlyPending, /<a href="\/admin\?status=pending" aria-current="page">待审核<\/a>/);

    const byCategory = await page(`/admin?categoryId=${categoryId}&authorId=&title=`, 'editor');
    assert.ok(byCategory.includes('草稿：菜市场改造') && !byCategory.includes('别的栏目里的文章'));
    const byAuthor = await page(`/admin?authorId=${staff.editor.user.id}`, 'editor');
    assert.ok(byAuthor.includes('待审：公交线路调整') && !byAuthor.includes('别的栏目里的文章'));
    const byTitle = await page(`/admin?title=${encodeURIComponent('菜市场')}`, 'editor');
    assert.ok(byTitle.includes('草稿：菜市场改造') && !byTitle.includes('待审：公交线路调整'));
  });

  it('shows publish time, reads, comments and marks, and the batch actions each role may take', async () => {
    const marked = await buildArticle(t.db, { categoryId, title: '标记：端午龙舟赛', flags: { headline: true, recommended: false, pinned: true } });
    await t.db.updateTable('articles').set({ read_count: 1234, comment_count: 56 }).where('id', '=', marked.id).execute();
    const row = (html: string) => html.slice(html.indexOf(`data-article-id="${marked.id}"`), html.indexOf('</tr>', html.indexOf(`data-article-id="${marked.id}"`)));

    const reviewer = row(await page(`/admin/articles?title=${encodeURIComponent('端午龙舟赛')}`, 'reviewer'));
    assert.match(reviewer, new RegExp(`data-version="${marked.version}"`), 'the version read goes with a batch approval');
    assert.match(reviewer, /<td data-label="发布时间"><time datetime="[^"]+\+08:00"/);
    assert.match(reviewer, /<td data-label="阅读">1234<\/td><td data-label="评论">56<\/td><td data-label="标记">头条 置顶<\/td>/);
    const actions = (html: string) => [...html.matchAll(/data-batch="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(actions(await page('/admin/articles', 'reviewer')), ['approve', 'withdraw', 'move', 'mark', 'delete']);
    assert.deepEqual(actions(await page('/admin/articles', 'editor')), ['move', 'mark', 'delete'], 'editors neither approve nor withdraw');
  });

  it("badges the articles waiting for the signed-in reviewer's approval, not those they wrote", async () => {
    const badge = async (role: StaffRole) => (await page('/admin/articles', role)).match(/(\d+) 篇文章等待您审核/)?.[1];
    const before = Number((await badge('reviewer')) ?? 0);
    await buildArticle(t.db, { categoryId, title: '等待审核的稿件', status: 'pending', createdBy: staff.editor.user.id });
    await buildArticle(t.db, { categoryId, title: '审核员自己的稿件', status: 'pending', createdBy: staff.reviewer.user.id });
    assert.equal(Number(await badge('reviewer')), before + 1);
    assert.equal(await badge('editor'), undefined, 'editors review nothing');
  });

  it('pages a long list, keeping the filters in the links', async () => {
    for (let i = 0; i < 21; i++) await buildArticle(t.db, { categoryId, title: `分页文章 ${i}`, status: 'draft' });
    const first = await page(`/admin/articles?title=${encodeURIComponent('分页文章')}`, 'reviewer');
    assert.match(first, /第 1 \/ 2 页/);
    assert.ok(first.includes(`href="/admin/articles?title=${encodeURIComponent('分页文章')}&amp;page=2"`));
    const second = await page(`/admin/articles?title=${encodeURIComponent('分页文章')}&page=2`, 'reviewer');
    assert.match(second, /第 2 \/ 2 页/);
  });

  it('renders every field of an article in the editor, escaped', async () => {
    const article = await buildArticle(t.db, {
      categoryId,
      title: '标题里有 <script>alert(1)</script>',
      bodyHtml: '<p>正文 <strong>加粗</strong></p>',
      status: 'draft',
      origin: 'reprint',
      sourceName: '不在名单的媒体',
      originalTitle: '原来的标题',
      credits: '青溪融媒体中心出品\n记者：张三',
      scheduledAt: new Date('2026-12-01T00:30:00Z'),
      flags: { pinned: true },
      createdBy: staff.editor.user.id,
    });
    const html = await page(`/admin/articles/${article.id}/edit`, 'editor');
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('标题里有 &lt;script>alert(1)&lt;/script>'));
    assert.ok(html.includes('&lt;p>正文 &lt;strong>加粗&lt;/strong>&lt;/p>'), 'the body waits in a textarea, as text');
    assert.match(html, /name="scheduledAt"[^>]*type="text" value="2026年12月01日 08:30"/, "shown in Beijing time, in Chinese whatever the browser's language");
    assert.match(html, /name="origin" value="reprint" checked/);
    assert.match(html, /name="flags.pinned"[^>]*checked/);
    assert.ok(html.includes('来源不在本站授权转载名单中') && html.includes('标题与原标题不一致'));
    for (const label of ['标题', '栏目', '摘要', '题图', '编者按', '正文', '署名 / 作者', '出品 / 记者', '来源', '来源链接', '原标题', '原作者', '责任编辑', '定时发布（北京时间）', '头条', '推荐', '置顶']) {
      assert.ok(html.includes(`>${label}<`) || html.includes(`>${label}<span`), label);
    }
    assert.match(html, /data-autosave="true"/);
    assert.match(html, /<script type="module" src="\/admin\/assets\/editor.js\?v=\w+"><\/script>/);
  });

  it('offers the review buttons the workflow allows this role, and nothing else', async () => {
    const draft = await buildArticle(t.db, { categoryId, status: 'draft', createdBy: staff.editor.user.id });
    assert.deepEqual(buttons(await page(`/admin/articles/${draft.id}/edit`, 'editor')), ['submit']);
    assert.deepEqual(buttons(await page('/admin/articles/new', 'editor')), ['submit']);

    const pending = await buildArticle(t.db, { categoryId, status: 'pending', createdBy: staff.editor.user.id });
    assert.deepEqual(buttons(await page(`/admin/articles/${pending.id}/edit`, 'editor')), ['unsubmit']);
    const review = await page(`/admin/articles/${pending.id}/edit`, 'reviewer');
    assert.deepEqual(buttons(review), ['unsubmit', 'approve', 'reject']);
    assert.match(review, /data-transition="reject" data-to="rejected" data-reason-title="退回文章"/);
    assert.match(review, /data-autosave="false"/, 'a pending article is saved only on request');

    const own = await buildArticle(t.db, { categoryId, status: 'pending', createdBy: staff.reviewer.user.id });
    const ownPage = await page(`/admin/articles/${own.id}/edit`, 'reviewer');
    assert.deepEqual(buttons(ownPage), ['unsubmit', 'reject']);
    assert.match(ownPage, /不能审核自己撰写的文章/);

    const reworked = await buildArticle(t.db, { categoryId, status: 'pending', createdBy: staff.editor.user.id });
    const edit = await app.inject({ method: 'PATCH', url: `/api/admin/articles/${reworked.id}`, headers: staff.reviewer.headers, payload: { summary: '审核员改写' } });
    assert.equal(edit.statusCode, 200, edit.body);
    const reworkedPage = await page(`/admin/articles/${reworked.id}/edit`, 'reviewer');
    assert.deepEqual(buttons(reworkedPage), ['unsubmit', 'reject'], 'no 通过 for what one changed oneself');
    assert.match(reworkedPage, /您在送审后修改过这篇文章/);
    assert.match(reworkedPage, /data-workflow="true" data-version="2"/, 'the page names the version it shows');

    const published = await buildArticle(t.db, { categoryId, status: 'published' });
    const asEditor = await page(`/admin/articles/${published.id}/edit`, 'editor');
    assert.deepEqual(buttons(asEditor), []);
    assert.match(asEditor, /只能查看/);
    assert.match(asEditor, /data-editable="false"/);
    assert.deepEqual(buttons(await page(`/admin/articles/${published.id}/edit`, 'reviewer')), ['withdraw']);

    const withdrawn = await buildArticle(t.db, { categoryId, status: 'withdrawn' });
    assert.deepEqual(buttons(await page(`/admin/articles/${withdrawn.id}/edit`, 'admin')), ['republish', 'reopen']);
  });

  it('names the review level on the approve button when two reviews are required', async () => {
    await saveSiteSettings(t.db, { reviewLevels: 2 }, new Date());
    try {
      const pending = await buildArticle(t.db, { categoryId, status: 'pending' });
      assert.match(await page(`/admin/articles/${pending.id}/edit`, 'reviewer'), /data-transition="approve"[^>]*>通过初审</);
    } finally {
      await saveSiteSettings(t.db, { reviewLevels: 1 }, new Date());
    }
  });

  it('tells what the last review step did after the page reloads', async () => {
    const pending = await buildArticle(t.db, { categoryId, status: 'pending' });
    assert.match(await page(`/admin/articles/${pending.id}/edit?done=submit`, 'editor'), /已送审，等待审核。/);
    const bad = await app.inject({ method: 'GET', url: `/admin/articles/${pending.id}/edit?done=<b>`, headers: staff.editor.headers });
    assert.equal(bad.statusCode, 400);
  });
});
