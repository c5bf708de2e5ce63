import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
let phoneSerial = 0;
const nextPhone = () => `136${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSerial).padStart(4, '0')}`;

describeEachDatabase('admin pages: comment moderation and the lexicon', (t) => {
  let app: FastifyInstance;
  const staff = {} as Record<StaffRole, Headers>;
  let article: { id: number; title: string };

  before(async () => {
    app = await buildTestApp(t.db);
    for (const role of ['admin', 'editor', 'reviewer'] as const) staff[role] = (await signedInStaff(app, t.db, role)).headers;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/lexicon/import',
      headers: staff.admin,
      payload: { text: '青溪测试待审词\thold\n测试标记词\tflag\n测试打码词\tmask\n', defaultAction: 'hold' },
    });
    assert.equal(imported.statusCode, 200, imported.body);
    article = await buildArticle(t.db, { title: '青溪大桥<今天>通车' });
  });
  after(() => app.close());

  const get = (url: string, headers: Headers = {}) => app.inject({ method: 'GET', url, headers });

  async function signInReader(): Promise<Headers> {
    const phone = nextPhone();
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone } })).statusCode, 202);
    const lines = fs.readFileSync(app.smsOutboxFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phone: string; code: string });
    const code = lines.reverse().find((l) => l.phone === phone)!.code;
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { phone, code } });
    assert.equal(res.statusCode, 200, res.body);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]! };
  }

  async function postComment(reader: Headers, body: string): Promise<{ id: number; status: string }> {
    const res = await app.inject({ method: 'POST', url: `/api/articles/${article.id}/comments`, headers: reader, payload: { body }, remoteAddress: '115.236.1.1' });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().comment;
  }

  it('sends someone who is not signed in to sign in, and back afterwards', async () => {
    for (const url of ['/admin/comments', '/admin/comments?status=reported', '/admin/lexicon', '/admin/lexicon/check']) {
      const res = await get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  it('opens the queue to reviewers and admins, the lexicon to admins, the text check to all staff', async () => {
    const pages: Record<string, StaffRole[]> = {
      '/admin/comments': ['admin', 'reviewer'],
      '/admin/lexicon': ['admin'],
      '/admin/lexicon/check': ['admin', 'editor', 'reviewer'],
    };
    for (const [url, allowed] of Object.entries(pages)) {
      for (const role of ['admin', 'editor', 'reviewer'] as const) {
        const res = await get(url, staff[role]);
        assert.equal(res.statusCode, allowed.includes(role) ? 200 : 403, `${role} ${url}`);
        if (res.statusCode === 403) assert.match(res.body, /没有权限/);
        else assert.equal(res.headers['cache-control'], 'private, no-store');
      }
    }
  });

  it('links each role in the header to what it may use, with the number of comments waiting', async () => {
    const reader = await signInReader();
    await postComment(reader, '等待审核的一条评论');
    const reviewer = (await get('/admin', staff.reviewer)).body;
    assert.match(reviewer, /<a href="\/admin\/comments">评论审核<span class="nav-badge"><span aria-hidden="true">\d+<\/span><span class="visually-hidden">，\d+ 条待审核<\/span><\/span><\/a>/);
    assert.match(reviewer, /href="\/admin\/lexicon\/check">检测文本</);
    assert.doesNotMatch(reviewer, /href="\/admin\/lexicon"/);
    const editor = (await get('/admin', staff.editor)).body;
    assert.doesNotMatch(editor, /href="\/admin\/comments"|href="\/admin\/lexicon"/);
    assert.match(editor, /href="\/admin\/lexicon\/check">检测文本</);
    const admin = (await get('/admin/comments', staff.admin)).body;
    assert.match(admin, /<a href="\/admin\/comments" aria-current="page">评论审核/);
    assert.match(admin, /href="\/admin\/lexicon">敏感词</);
    assert.doesNotMatch(admin, /href="\/admin\/lexicon\/check"/, 'admins check texts on the lexicon page');
  });

  it('shows a waiting comment escaped, with its lexicon hits marked, its reader, region and article', async () => {
    const reader = await signInReader();
    const comment = await postComment(reader, '<b>x</b>请看青溪测试待审词，还有测试标记词<img src=x onerror=alert(1)>');
    assert.equal(comment.status, 'pending');
    const res = await get('/admin/comments', staff.reviewer);
    assert.equal(res.statusCode, 200);
    const item = new RegExp(`<li class="card queue-item" data-comment-id="${comment.id}"[\\s\\S]*?</li>`).exec(res.body)?.[0];
    assert.ok(item, 'the comment is in the pending queue');
    assert.ok(!item.includes('<b>x</b>') && !item.includes('<img'), 'reader markup is never markup here');
    assert.match(item, /&lt;b>x&lt;\/b>请看|&lt;b&gt;x&lt;\/b&gt;请看/);
    assert.match(item, /<mark class="hit hit--hold" title="词表“青溪测试待审词”：待审">青溪测试待审词<\/mark>/);
    assert.match(item, /<mark class="hit hit--flag" title="词表“测试标记词”：标记">测试标记词<\/mark>/);
    assert.match(item, /命中词语：“青溪测试待审词”（待审）、“测试标记词”（标记）/);
    assert.match(item, /IP属地：浙江/);
    assert.match(item, /data-reader-id="\d+"/);
    assert.ok(item.includes(`<a href="/a/${article.id}" target="_blank"`), 'a link to the article');
    assert.match(item, />青溪大桥&lt;今天(>|&gt;)通车<\/a>/, 'its title, escaped');
    assert.match(item, /data-targets="published rejected deleted"/);
    for (const label of ['通过', '拒绝', '删除', '禁言']) assert.match(item, new RegExp(`>${label}</button>`));
    assert.match(res.body, /data-select-all/);
    assert.match(res.body, /<dialog id="ask-dialog"/, 'the reason dialog is on the page');
  });

  it('lists each tab, offers only the moves the API allows, and says what was done', async () => {
    const reader = await signInReader();
    const comment = await postComment(reader, '一条会被通过的评论');
    const approved = await app.inject({ method: 'POST', url: '/api/admin/comments/transitions', headers: staff.reviewer, payload: { ids: [comment.id], to: 'published' } });
    assert.equal(approved.statusCode, 200, approved.body);
    const published = await get('/admin/comments?status=published&done=published&n=1', staff.reviewer);
    assert.match(published.body, /已通过 1 条评论，读者现在能看到了。/);
    assert.match(published.body, /<a href="\/admin\/comments\?status=published" aria-current="page">已发布<\/a>/);
    const item = new RegExp(`data-comment-id="${comment.id}"[\\s\\S]*?</li>`).exec(published.body)?.[0];
    assert.ok(item);
    assert.match(item, /data-targets="rejected deleted"/);
    assert.doesNotMatch(item, />通过<\/button>/);

    const reporter = await signInReader();
    assert.equal((await app.inject({ method: 'POST', url: `/api/comments/${comment.id}/reports`, headers: reporter, payload: { reason: 'abuse' } })).statusCode, 201);
    const reported = await get('/admin/comments?status=reported', staff.admin);
    assert.match(reported.body, new RegExp(`data-comment-id="${comment.id}"[\\s\\S]*?被举报 1 次`));
    assert.match((await get('/admin/comments?status=rejected', staff.admin)).body, /没有被拒绝的评论。/);
    assert.equal((await get('/admin/comments?status=gone', staff.admin)).statusCode, 400);
  });

  it('lists the lexicon a page at a time, newest first, with a search, escaped', async () => {
    const terms = Array.from({ length: 250 }, (_, i) => `分页测试词${String(i + 1).padStart(3, '0')}`);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/lexicon/import',
      headers: staff.admin,
      payload: { text: `${terms.join('\n')}\n<i>标签</i>词\treject\t请<b>文明</b>发言\n`, defaultAction: 'flag' },
    });
    assert.equal(imported.json().saved, 251);
    const all = (await get('/admin/lexicon', staff.admin)).body;
    assert.match(all, /共 \d+ 条，最新添加的在前。/);
    assert.ok(!all.includes('<i>标签</i>') && !all.includes('<b>文明</b>'), 'terms and messages are text');
    assert.match(all, /&lt;i>标签&lt;\/i>词|&lt;i&gt;标签&lt;\/i&gt;词/);

    const first = (await get(`/admin/lexicon?q=${encodeURIComponent('分页测试词')}`, staff.admin)).body;
    assert.match(first, /其中 250 条包含要找的文字/);
    assert.equal([...first.matchAll(/data-url="\/api\/admin\/lexicon\/\d+"/g)].length, 200, '200 a page');
    assert.ok(first.indexOf('分页测试词250') < first.indexOf('分页测试词249'), 'newest first');
    assert.ok(!first.includes('分页测试词050'));
    assert.match(first, /第 1 \/ 2 页/);
    assert.match(first, /href="\/admin\/lexicon\?q=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95%E8%AF%8D&amp;page=2" rel="next"/);
    const second = (await get(`/admin/lexicon?q=${encodeURIComponent('分页测试词')}&page=2`, staff.admin)).body;
    assert.equal([...second.matchAll(/data-url="\/api\/admin\/lexicon\/\d+"/g)].length, 50);
    assert.match(second, /分页测试词001/);
    assert.match(second, /<span class="status action--flag">标记<\/span>/);
    assert.match(second, /aria-label="删除“分页测试词001”"/);

    const none = (await get(`/admin/lexicon?q=${encodeURIComponent('没有这个词')}`, staff.admin)).body;
    assert.match(none, /没有找到词语。/);
    assert.match(none, /data-lexicon-import/);
    assert.match(none, /data-lexicon-check/);
  });

  it('offers every staff member the text check on its own page', async () => {
    const page = (await get('/admin/lexicon/check', staff.editor)).body;
    assert.match(page, /<form data-lexicon-check="true" novalidate/);
    assert.match(page, /<label for="check-text">要检测的文字/);
    assert.doesNotMatch(page, /data-lexicon-import/);
  });
});
