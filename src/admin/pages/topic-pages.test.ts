// The 专题 list and editor pages: what each role sees and may press; every change goes through /api/admin/topics.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole, StaffUser } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, signedInStaff, uniqueSuffix } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Signed = { user: StaffUser; headers: Record<string, string> };

describeEachDatabase('专题 list and editor pages', (t) => {
  let app: FastifyInstance;
  const staff = {} as Record<StaffRole, Signed>;
  before(async () => {
    app = await buildTestApp(t.db);
    for (const role of ['admin', 'editor', 'reviewer'] as const) staff[role] = await signedInStaff(app, t.db, role);
  });
  after(() => app.close());

  const page = async (url: string, role: StaffRole, status = 200) => {
    const res = await app.inject({ method: 'GET', url, headers: staff[role].headers });
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  const buttons = (html: string) => [...html.matchAll(/data-transition="(\w+)"/g)].map((m) => m[1]);
  const api = async (role: StaffRole, url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: staff[role].headers, payload });
    assert.ok(res.statusCode < 300, res.body);
    return res.json().topic as { id: number; version: number; slug: string };
  };

  it('lists 专题 with their status, escaped, and links each to its editor', async () => {
    const topic = await api('editor', '/api/admin/topics', { slug: `zt-${uniqueSuffix()}`, title: '<img src=x onerror=alert(1)>灯会', introHtml: '' });
    const list = await page('/admin/topics', 'editor');
    assert.ok(list.includes(`href="/admin/topics/${topic.id}/edit"`));
    assert.ok(list.includes('&lt;img src=x onerror=alert(1)>灯会') || list.includes('&lt;img src=x onerror=alert(1)&gt;灯会'));
    assert.match(list, /<span class="status status--draft">草稿<\/span>/);
    assert.ok(list.includes('href="/admin/topics/new"'));
    assert.match(list, /<a[^>]*href="\/admin\/topics"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/admin\/topics"/, 'in the navigation, current');
  });

  it('offers each role the article workflow’s buttons for the 专题’s status', async () => {
    const article = await buildArticle(t.db, { title: '<i>龙舟</i>下水', status: 'draft' });
    const topic = await api('editor', '/api/admin/topics', { slug: `zt-${uniqueSuffix()}`, title: '端午', introHtml: '<p>导语</p>', sections: [{ title: '赛事', tag: '龙舟', articleIds: [article.id] }] });
    const draft = await page(`/admin/topics/${topic.id}/edit`, 'editor');
    assert.ok(draft.includes(`<a href="/admin/articles/${article.id}/edit">&lt;i>龙舟&lt;/i>下水</a>（草稿）`) || draft.includes('&lt;i&gt;龙舟&lt;/i&gt;下水</a>（草稿）'), 'picked articles by title and status, escaped');
    assert.deepEqual(buttons(draft), ['submit']);
    assert.ok(draft.includes('value="赛事"') && draft.includes('value="龙舟"'), 'the sections in their fields');
    assert.ok(draft.includes(`data-version="${topic.version}"`));
    await api('editor', `/api/admin/topics/${topic.id}/transitions`, { to: 'pending' });
    assert.deepEqual(buttons(await page(`/admin/topics/${topic.id}/edit`, 'reviewer')), ['unsubmit', 'approve', 'reject']);
    assert.deepEqual(buttons(await page(`/admin/topics/${topic.id}/edit`, 'editor')), ['unsubmit'], 'editors do not approve');
    await api('reviewer', `/api/admin/topics/${topic.id}/transitions`, { to: 'published', version: topic.version });
    const published = await page(`/admin/topics/${topic.id}/edit`, 'editor');
    assert.deepEqual(buttons(published), []);
    const saveButton = /<button type="submit" class="button button--primary">保存<\/button>/;
    assert.match(draft, saveButton);
    assert.doesNotMatch(published, saveButton, 'editors edit until publication');
    assert.deepEqual(buttons(await page(`/admin/topics/${topic.id}/edit`, 'reviewer')), ['withdraw']);
  });

  it('answers an unknown 专题 with the admin’s 404 page, and the new form to those who may create', async () => {
    await page('/admin/topics/999999/edit', 'editor', 404);
    const form = await page('/admin/topics/new', 'editor');
    assert.ok(form.includes('name="slug"') && form.includes('data-topic-form') && form.includes('data-section-template'));
  });
});
