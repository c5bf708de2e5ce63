import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildCategory, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { siteSettingsSchema } from '../api/settings.routes.js';

type Headers = Record<string, string>;

describeEachDatabase('admin pages: who may open what', (t) => {
  let app: FastifyInstance;
  const staff = {} as Record<StaffRole, Headers>;

  before(async () => {
    app = await buildTestApp(t.db);
    for (const role of ['admin', 'editor', 'reviewer'] as const) staff[role] = (await signedInStaff(app, t.db, role)).headers;
    await buildCategory(t.db, { name: '青溪焦点' });
  });
  after(() => app.close());

  const get = (url: string, headers: Headers = {}) => app.inject({ method: 'GET', url, headers });

  it('sends someone who is not signed in to the sign-in page, and back afterwards', async () => {
    for (const url of ['/admin', '/admin/articles/new', '/admin/articles/7/edit', '/admin/settings', '/admin/users', '/admin/audit?action=x', '/admin/account']) {
      const res = await get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/sign-in?next=${encodeURIComponent(url)}`);
    }
    const signIn = await get('/admin/sign-in?next=%2Fadmin%2Fsettings');
    assert.equal(signIn.statusCode, 200);
    assert.match(signIn.body, /<form class="card sign-in" data-sign-in="true" data-next="\/admin\/settings"/);
    assert.match(signIn.body, /<label for="f-username">用户名/);
    assert.match(signIn.body, /<label for="f-password">密码/);
    assert.match(signIn.body, /data-totp="true" hidden/, 'the code field waits until the API asks for it');
  });

  it('never sends anyone to another site after signing in', async () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)']) {
      const res = await get(`/admin/sign-in?next=${encodeURIComponent(next)}`);
      assert.match(res.body, /data-next="\/admin"/, next);
    }
    const signedIn = await get('/admin/sign-in?next=%2Fadmin%2Faccount', staff.editor);
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/admin/account');
  });

  it('opens each page for the roles allowed to use it, and answers 403 to the others', async () => {
    const pages: Record<string, StaffRole[]> = {
      '/admin': ['admin', 'editor', 'reviewer'],
      '/admin/articles/new': ['admin', 'editor', 'reviewer'],
      '/admin/account': ['admin', 'editor', 'reviewer'],
      '/admin/settings': ['admin'],
      '/admin/categories': ['admin'],
      '/admin/users': ['admin'],
      '/admin/audit': ['admin'],
      '/admin/ads': ['admin'],
      '/admin/import': ['admin'],
    };
    for (const [url, allowed] of Object.entries(pages)) {
      for (const role of ['admin', 'editor', 'reviewer'] as const) {
        const res = await get(url, staff[role]);
        assert.equal(res.statusCode, allowed.includes(role) ? 200 : 403, `${role} ${url}`);
        if (res.statusCode === 403) assert.match(res.body, /没有权限/);
      }
    }
  });

  it('has a field for every site setting staff can change (nested flood limits stay API-only)', async () => {
    const html = (await get('/admin/settings', staff.admin)).body;
    const keys = Object.keys(siteSettingsSchema.properties).filter((key) => key !== 'commentRateLimits');
    const missing = keys.filter((key) => !html.includes(`name="${key}"`));
    assert.deepEqual(missing, []);
    // 首页版面: the numbers stop where the API would, and the preview frames the unsaved layout.
    assert.match(html, /name="homeCarouselFrames"[^>]*min="0" max="8"/);
    assert.ok(html.includes('data-home-preview-button') && html.includes('title="首页预览" data-home-preview-frame="true" hidden'));
  });

  it('shows in the header only what the role may do', async () => {
    const editor = (await get('/admin', staff.editor)).body;
    assert.match(editor, /href="\/admin\/articles\/new"/);
    assert.match(editor, /data-url="\/api\/admin\/articles\/reprint" data-after="open-article"/, 'editors reprint from a link on their list');
    assert.doesNotMatch(editor, /href="\/admin\/settings"|href="\/admin\/users"|href="\/admin\/audit"|href="\/admin\/categories"|href="\/admin\/import"/);
    const admin = (await get('/admin', staff.admin)).body;
    for (const href of ['/admin/settings', '/admin/users', '/admin/audit', '/admin/categories', '/admin/import']) assert.ok(admin.includes(`href="${href}"`), href);
    assert.match(admin, /<a href="\/admin" aria-current="page">概览<\/a>/, 'the dashboard is the first page of admins and reviewers');
    assert.match(editor, /<a href="\/admin" aria-current="page">文章<\/a>/, 'editors keep the article list');
  });

  it('keeps admin pages private, unframed and limited to their own scripts', async () => {
    const res = await get('/admin', staff.reviewer);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'.*frame-ancestors 'none'/);
    assert.match(res.body, /<meta name="csrf-token" content="[^"]{16,}"\/>/);
    assert.match(res.body, /<html lang="zh-Hans">/);
  });

  it('answers 400 to a list address that makes no sense, and an admin 404 for a missing article', async () => {
    assert.equal((await get('/admin?status=gone', staff.editor)).statusCode, 400);
    assert.equal((await get('/admin?page=abc', staff.editor)).statusCode, 400);
    const missing = await get('/admin/articles/999999/edit', staff.editor);
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /找不到这篇文章/);
    assert.match(missing.body, /admin-header/, 'inside the admin frame');
  });

  it('gives the page a CSRF token the API accepts, and the API refuses a change without it', async () => {
    const page = await get('/admin/settings', staff.admin);
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token);
    const cookie = staff.admin.cookie!;
    const change = (headers: Headers) => app.inject({ method: 'PATCH', url: '/api/admin/settings', headers, payload: { tagline: '看青溪' } });
    assert.equal((await change({ cookie })).statusCode, 403);
    assert.equal((await change({ cookie, 'x-csrf-token': 'forged' })).statusCode, 403);
    assert.equal((await change({ cookie, 'x-csrf-token': token })).statusCode, 200);
  });
});
