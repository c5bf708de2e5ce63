import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { addReads } from '../../engagement/add-reads.js';
import { buildArticle, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

describeEachDatabase('dashboard and governance report pages', (t) => {
  let app: FastifyInstance;
  const staff = {} as Record<StaffRole, Headers>;

  before(async () => {
    app = await buildTestApp(t.db);
    for (const role of ['admin', 'editor', 'reviewer'] as const) staff[role] = (await signedInStaff(app, t.db, role)).headers;
  });
  after(() => app.close());

  const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });

  it('renders over an empty site, with charts as labelled images and no NaN', async () => {
    for (const url of ['/admin', '/admin/reports/governance', '/api/admin/dashboard', '/api/admin/reports/governance']) {
      const res = await get(url, staff.admin);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /NaN|Infinity|undefined/, url);
    }
    const page = (await get('/admin', staff.reviewer)).body;
    assert.match(page, /<svg class="chart" viewBox="[^"]+" role="img"><title>每日阅读量<\/title><desc>最近 30 天共 0 次阅读。<\/desc>/);
    assert.match(page, /<a href="\/admin" aria-current="page">概览<\/a>/);
    assert.match(page, /<a href="\/admin\/articles">文章<\/a>/);
  });

  it('is the first page for admins and reviewers; editors keep the article list, and may not open the figures', async () => {
    assert.match((await get('/admin', staff.editor)).body, /<h1 class="admin-title">文章管理<\/h1>/);
    assert.match((await get('/admin/articles', staff.admin)).body, /<h1 class="admin-title">文章管理<\/h1>/);
    assert.equal((await get('/admin/reports/governance', staff.editor)).statusCode, 403);
    assert.equal((await get('/api/admin/dashboard', staff.editor)).statusCode, 403);
  });

  it('shows an article read today among the most read, with its title escaped', async () => {
    const article = await buildArticle(t.db, { title: '<b>青溪</b>大桥通车' });
    await addReads(t.db, [[article.id, 12]], new Date());
    const page = (await get('/admin', staff.admin)).body;
    assert.ok(page.includes(`<a href="/admin/articles/${article.id}/edit">&lt;b>青溪&lt;/b>大桥通车</a>`), "the title is escaped");
    const figures = (await get('/api/admin/dashboard', staff.admin)).json();
    assert.equal(figures.topArticlesThisWeek[0].reads, 12);
    assert.equal(figures.readsPerDay.at(-1).reads, 12);
  });

  it('exports the month as CSV, and answers a month that does not exist with 400', async () => {
    const csv = await get('/api/admin/reports/governance.csv?month=2031-03', staff.reviewer);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /bendi-governance-2031-03\.csv/);
    assert.match(csv.body, /^\uFEFF"月份","类别","项目","数量"\r\n"2031-03","评论审核","收到","0"/);
    assert.equal((await get('/api/admin/reports/governance?month=2031-13', staff.admin)).statusCode, 400);
    assert.equal((await get('/admin/reports/governance?month=march', staff.admin)).statusCode, 400);
    for (const path of ['/api/admin/reports/governance', '/api/admin/reports/governance.csv', '/admin/reports/governance']) {
      assert.equal((await get(`${path}?month=9999-12`, staff.admin)).statusCode, 400, `${path}: the month after it is no date`);
    }
    assert.equal((await get('/api/admin/reports/governance?month=2099-12', staff.admin)).statusCode, 200);
  });
});
