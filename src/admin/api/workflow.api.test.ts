import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { saveSiteSettings } from '../../site/index.js';
import { buildCategory, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

describeEachDatabase('article workflow through the admin API', (t) => {
  let app: FastifyInstance;
  let editor: Headers;
  let reviewer: Headers;
  let secondReviewer: Headers;
  let admin: Headers;
  let categoryId: number;
  let editorName: string;

  before(async () => {
    app = await buildTestApp(t.db, { pageCacheSeconds: 60 });
    const staff = await Promise.all((['editor', 'reviewer', 'reviewer', 'admin'] as StaffRole[]).map((role) => staffWithToken(t.db, role)));
    [editor, reviewer, secondReviewer, admin] = staff.map((s) => s.headers) as [Headers, Headers, Headers, Headers];
    editorName = staff[0]!.user.displayName;
    categoryId = (await buildCategory(t.db, { name: '青溪焦点' })).id;
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const draft = async (extra: object = {}) => {
    const res = await api('POST', '/api/admin/articles', editor, {
      categoryId,
      title: `流程测试 ${uniqueSuffix()}`,
      bodyHtml: '<p>正文</p>',
      origin: 'original',
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().article as { id: number; title: string; status: string };
  };
  const currentVersion = async (id: number) => (await api('GET', `/api/admin/articles/${id}`, admin)).json().article?.version as number | undefined;
  /** Moves the article as its reviewer would: naming the version just read, unless told which. */
  const move = async (id: number, headers: Headers, to: string, reason?: string, version?: number) =>
    api('POST', `/api/admin/articles/${id}/transitions`, headers, { to, ...(reason ? { reason } : {}), version: version ?? (await currentVersion(id)) });
  const edit = (id: number, headers: Headers, payload: object) => api('PATCH', `/api/admin/articles/${id}`, headers, payload);
  const readerStatus = async (id: number) => (await app.inject(`/a/${id}`)).statusCode;

  it('lets an editor take back (撤回) only their own submission; a reviewer any', async () => {
    const article = await draft();
    assert.equal((await move(article.id, editor, 'pending')).statusCode, 200);
    const colleague = (await staffWithToken(t.db, 'editor')).headers;
    const refused = await move(article.id, colleague, 'draft');
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error, 'workflow.others_submission');
    assert.equal((await move(article.id, editor, 'draft')).statusCode, 200);
    assert.equal((await move(article.id, editor, 'pending')).statusCode, 200);
    assert.equal((await move(article.id, reviewer, 'draft')).statusCode, 200);
  });

  it('takes an article from draft to published and withdrawn and back, visible to readers only while published', async () => {
    const article = await draft();
    assert.equal(article.status, 'draft');
    assert.equal(await readerStatus(article.id), 404);
    assert.equal((await move(article.id, editor, 'pending')).statusCode, 200);
    assert.equal(await readerStatus(article.id), 404);
    const approved = await move(article.id, reviewer, 'published');
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().article.status, 'published');
    assert.ok(approved.json().article.publishedAt);
    assert.equal(await readerStatus(article.id), 200);
    assert.ok((await app.inject('/')).body.includes(article.title), 'on the home page');

    const withdrawn = await move(article.id, reviewer, 'withdrawn', '信息有误，核实后再发');
    assert.equal(withdrawn.json().article.statusReason, '信息有误，核实后再发');
    assert.equal(await readerStatus(article.id), 404, 'the page cache was emptied by the change');
    assert.ok(!(await app.inject('/')).body.includes(article.title), 'gone from the home page');
    assert.equal((await move(article.id, reviewer, 'published')).statusCode, 200);
    assert.equal(await readerStatus(article.id), 200);
  });

  it('requires a reason to reject or withdraw', async () => {
    const article = await draft();
    await move(article.id, editor, 'pending');
    const res = await move(article.id, reviewer, 'rejected');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'workflow.reason_required');
    assert.equal((await move(article.id, reviewer, 'rejected', '标题不准确')).json().article.status, 'rejected');
    assert.equal((await move(article.id, editor, 'pending')).statusCode, 200, 'a rejected article can be resubmitted');
  });

  const illegal: Array<[string, string[], string]> = [
    ['draft', [], 'published'],
    ['draft', [], 'withdrawn'],
    ['draft', [], 'rejected'],
    ['pending', ['pending'], 'withdrawn'],
    ['published', ['pending', 'published'], 'draft'],
    ['published', ['pending', 'published'], 'pending'],
    ['published', ['pending', 'published'], 'rejected'],
    ['withdrawn', ['pending', 'published', 'withdrawn'], 'pending'],
  ];
  for (const [from, path, to] of illegal) {
    it(`answers 409 with the reason for ${from} → ${to}`, async () => {
      const article = await draft();
      for (const step of path) await move(article.id, step === 'pending' ? editor : reviewer, step, '原因');
      const res = await move(article.id, admin, to, '原因');
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error, 'workflow.illegal_transition');
      assert.deepEqual(res.json().details, { from, to });
      assert.match(res.json().message, /不能进行这项操作/);
    });
  }

  it('does not let an editor approve, reject or withdraw (403), nor a reviewer approve their own article', async () => {
    const article = await draft();
    await move(article.id, editor, 'pending');
    assert.equal((await move(article.id, editor, 'published')).statusCode, 403);
    assert.equal((await move(article.id, editor, 'rejected', 'x')).statusCode, 403);
    const own = await api('POST', '/api/admin/articles', reviewer, { categoryId, title: '审核员自己写的', bodyHtml: '<p>x</p>', origin: 'original' });
    const ownId = own.json().article.id;
    await move(ownId, reviewer, 'pending');
    const res = await move(ownId, reviewer, 'published');
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, 'workflow.own_article');
  });

  it('with two review levels, needs 初审 and 终审 by different reviewers', async () => {
    await saveSiteSettings(t.db, { reviewLevels: 2 }, new Date());
    try {
      const article = await draft();
      await move(article.id, editor, 'pending');
      const first = await move(article.id, reviewer, 'published');
      assert.equal(first.json().outcome, 'first_review_passed');
      assert.equal(first.json().article.status, 'pending');
      assert.equal(first.json().article.reviewLevel, 1);
      const same = await move(article.id, reviewer, 'published');
      assert.equal(same.statusCode, 403);
      assert.equal(same.json().error, 'workflow.same_reviewer');
      const final = await move(article.id, secondReviewer, 'published');
      assert.equal(final.json().article.status, 'published');
      assert.equal(final.json().outcome, 'moved');
    } finally {
      await saveSiteSettings(t.db, { reviewLevels: 1 }, new Date());
    }
  });

  it('honours a scheduled time: approved now, visible only from then', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const article = await draft({ scheduledAt: later });
    await move(article.id, editor, 'pending');
    const res = await move(article.id, reviewer, 'published');
    assert.equal(res.json().article.publishedAt, later);
    assert.equal(await readerStatus(article.id), 404);
  });

  it('takes a scheduled time in Beijing time as the editor sends it (+08:00), and refuses one that is no time beside the field', async () => {
    const article = await draft({ scheduledAt: '2031-12-01T08:30:00+08:00' });
    assert.equal((await api('GET', `/api/admin/articles/${article.id}`, editor)).json().article.scheduledAt, '2031-12-01T00:30:00.000Z');
    for (const scheduledAt of ['2031年13月01日 08:30', '2031-06-30T23:59:60Z']) {
      const refused = await edit(article.id, editor, { scheduledAt });
      assert.equal(refused.statusCode, 400, `${scheduledAt}: ${refused.body}`);
      assert.equal(refused.json().field, 'scheduledAt');
    }
    assert.equal((await api('GET', `/api/admin/articles/${article.id}`, editor)).json().article.scheduledAt, '2031-12-01T00:30:00.000Z', 'the time saved stays');
  });

  it('needs the reprint facts before review, and warns about an unlicensed source or a changed title', async () => {
    await saveSiteSettings(t.db, { licensedSources: ['青溪发布'] }, new Date());
    const res = await api('POST', '/api/admin/articles', editor, {
      categoryId,
      title: '改过的标题',
      bodyHtml: '<p>转载正文</p>',
      origin: 'reprint',
      sourceName: '别处日报',
    });
    assert.deepEqual(res.json().warnings, ['reprint.unlicensed_source']);
    const id = res.json().article.id;
    const submit = await move(id, editor, 'pending');
    assert.equal(submit.statusCode, 400);
    assert.deepEqual(submit.json().details.missing, ['originalTitle', 'originalAuthor', 'responsibleEditor']);
    const patched = await api('PATCH', `/api/admin/articles/${id}`, editor, { originalTitle: '原来的标题', originalAuthor: '记者甲', responsibleEditor: '周敏' });
    assert.deepEqual(patched.json().warnings, ['reprint.unlicensed_source', 'reprint.title_changed']);
    assert.equal((await move(id, editor, 'pending')).statusCode, 200);
  });

  it('keeps revisions of title and body, one per burst of autosaves, shows the difference and restores one', async () => {
    const article = await draft({ title: '初稿标题', bodyHtml: '<p>第一版</p>' });
    await api('PATCH', `/api/admin/articles/${article.id}`, editor, { title: '二稿', bodyHtml: '<p>第二</p>' });
    await api('PATCH', `/api/admin/articles/${article.id}`, editor, { title: '二稿标题', bodyHtml: '<p>第二版</p>' });
    await api('PATCH', `/api/admin/articles/${article.id}`, editor, { summary: '新摘要' });
    const revisions = (await api('GET', `/api/admin/articles/${article.id}/revisions`, editor)).json().revisions;
    assert.deepEqual(
      revisions.map((r: { title: string; change: string; editorName: string }) => [r.title, r.change, r.editorName]),
      [
        ['二稿标题', 'title_body', editorName],
        ['初稿标题', 'created', editorName],
      ],
    );
    const first = revisions[1].id;
    const diff = (await api('GET', `/api/admin/articles/${article.id}/revisions/${first}/diff`, editor)).json();
    assert.ok(diff.title.some((p: { kind: string; text: string }) => p.kind === 'added' && p.text.includes('二')));
    assert.deepEqual(diff.rows, [
      {
        change: 'changed',
        kind: 'paragraph',
        before: [
          { kind: 'same', text: '第' },
          { kind: 'removed', text: '一' },
          { kind: 'same', text: '版' },
        ],
        after: [
          { kind: 'same', text: '第' },
          { kind: 'added', text: '二' },
          { kind: 'same', text: '版' },
        ],
      },
    ]);
    const summaryChange = diff.changes.find((c: { details: string[] }) => c.details.some((d) => d.startsWith('摘要')));
    assert.deepEqual(summaryChange?.details, ['摘要：（空） → 新摘要'], 'the summary change listed old → new');
    assert.equal(summaryChange?.actor, editorName);
    const restored = await api('POST', `/api/admin/articles/${article.id}/revisions/${first}/restore`, editor);
    assert.equal(restored.json().article.title, '初稿标题');
    assert.equal((await api('GET', `/api/admin/articles/${article.id}/revisions`, editor)).json().revisions.length, 3);
    // A revision that is not this article's is named as such, and an article that does not exist as such.
    for (const [method, path] of [['GET', 'diff'], ['POST', 'restore']] as const) {
      const missing = await api(method, `/api/admin/articles/${article.id}/revisions/99999999/${path}`, editor);
      assert.deepEqual([missing.statusCode, missing.json().error], [404, 'content.revision_not_found'], path);
    }
    const noArticle = await api('GET', '/api/admin/articles/99999999/revisions', editor);
    assert.deepEqual([noArticle.statusCode, noArticle.json().error], [404, 'content.article_not_found']);
  });

  it('shows readers the writer as publisher, with the IP属地 they submitted from; the approving reviewer stays in the history', async () => {
    const from = (remoteAddress: string, headers: Headers) => (method: 'POST' | 'PATCH', url: string, payload: object) => app.inject({ method, url, headers, payload, remoteAddress });
    const created = await from('115.236.1.1', editor)('POST', '/api/admin/articles', { categoryId, title: `写稿人测试 ${uniqueSuffix()}`, bodyHtml: '<p>正文</p>', origin: 'original' });
    const { id } = created.json().article as { id: number };
    assert.equal(created.json().article.writerIpRegion, '浙江', 'recorded when written');
    await from('124.70.1.1', editor)('POST', `/api/admin/articles/${id}/transitions`, { to: 'pending', version: await currentVersion(id) });
    const approved = await from('202.96.128.86', reviewer)('POST', `/api/admin/articles/${id}/transitions`, { to: 'published', version: await currentVersion(id) });
    assert.deepEqual([approved.json().article.writerIpRegion, approved.json().article.publisherIpRegion], ['北京', '广东']);
    const page = (await app.inject(`/a/${id}`)).body;
    assert.ok(page.includes(`<span class="byline__item">${editorName}</span>`), 'the writer as publisher');
    assert.ok(page.includes('IP属地：北京') && !page.includes('广东'), 'where the writer submitted from, not the reviewer');
    const entries = (await api('GET', `/api/admin/audit?targetType=article&targetId=${id}`, admin)).json().entries;
    assert.equal(entries[0].action, 'article.approve');
    assert.equal(entries[0].actor.ipRegion, '广东', 'who approved, and from where, kept in the history');
  });

  it('records every transition and edit in the audit log, with address and IP属地, exportable as CSV', async () => {
    const article = await draft();
    await app.inject({ method: 'PATCH', url: `/api/admin/articles/${article.id}`, headers: editor, payload: { summary: '摘要' } });
    await move(article.id, editor, 'pending');
    const entries = (await api('GET', `/api/admin/audit?targetType=article&targetId=${article.id}`, admin)).json().entries;
    assert.deepEqual(entries.map((e: { action: string }) => e.action), ['article.submit', 'article.update', 'article.create']);
    assert.ok(entries.every((e: { actor: { ip: string } }) => e.actor.ip));
    assert.deepEqual(entries[0].details, { from: 'draft', to: 'pending', reason: null });
    const csv = await api('GET', `/api/admin/audit.csv?targetType=article&targetId=${article.id}`, admin);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(csv.body.startsWith('\uFEFF"时间","操作人","操作"'));
    assert.equal(csv.body.trim().split('\r\n').length, 4);
    assert.ok(csv.body.includes(`"《${article.title}》"`) && !csv.body.includes('"article.submit"'), 'what by title, the action in Chinese, as on the audit page');
    assert.equal((await api('GET', '/api/admin/audit', editor)).statusCode, 403, 'only admins read the audit log');
  });

  it('refuses to publish a version the reviewer did not read (409), and publishes the one approved', async () => {
    const article = await draft();
    await move(article.id, editor, 'pending');
    const opened = (await api('GET', `/api/admin/articles/${article.id}`, reviewer)).json().article;
    assert.equal((await edit(article.id, editor, { bodyHtml: '<p>审核员打开之后改过的正文</p>' })).statusCode, 200);

    const stale = await move(article.id, reviewer, 'published', undefined, opened.version);
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error, 'workflow.stale_version');
    assert.equal(stale.json().message, '稿件在您打开后已被修改，请重新审阅。');
    assert.equal((await api('GET', `/api/admin/articles/${article.id}`, admin)).json().article.status, 'pending');
    assert.equal(await readerStatus(article.id), 404, 'nothing was published');

    const reread = (await api('GET', `/api/admin/articles/${article.id}`, reviewer)).json().article;
    assert.equal(reread.version, opened.version + 1);
    const approved = await move(article.id, reviewer, 'published', undefined, reread.version);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().article.bodyHtml, '<p>审核员打开之后改过的正文</p>');
  });

  it('never publishes an edit that races an approval: one of the two is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const article = await draft();
      await move(article.id, editor, 'pending');
      const version = (await currentVersion(article.id))!;
      const [approval, change] = await Promise.all([
        move(article.id, reviewer, 'published', undefined, version),
        edit(article.id, editor, { bodyHtml: '<p>抢在审核时改的正文</p>' }),
      ]);
      const after = (await api('GET', `/api/admin/articles/${article.id}`, admin)).json().article;
      if (approval.statusCode === 200) {
        // Refused as not editable once published (403), or because it was published meanwhile (409).
        assert.ok([403, 409].includes(change.statusCode), change.body);
        assert.equal(after.bodyHtml, '<p>正文</p>', 'what was approved is what is published');
      } else {
        assert.equal(approval.json().error, 'workflow.stale_version', approval.body);
        assert.equal(change.statusCode, 200, change.body);
        assert.equal(after.status, 'pending');
      }
    }
  });

  it('needs the version to approve or republish (400), not to submit', async () => {
    const article = await draft();
    const submitted = await api('POST', `/api/admin/articles/${article.id}/transitions`, editor, { to: 'pending' });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const res = await api('POST', `/api/admin/articles/${article.id}/transitions`, reviewer, { to: 'published' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'workflow.version_required');
  });

  it('does not let a reviewer approve a submitted article he changed himself; another reviewer may, and an admin with a note in the audit log', async () => {
    const article = await draft();
    await move(article.id, editor, 'pending');
    assert.equal((await edit(article.id, reviewer, { title: '审核员改写的标题' })).statusCode, 200);
    const own = await move(article.id, reviewer, 'published');
    assert.equal(own.statusCode, 403, own.body);
    assert.equal(own.json().error, 'workflow.edited_since_submission');
    assert.equal((await move(article.id, secondReviewer, 'published')).statusCode, 200);

    const second = await draft();
    await move(second.id, editor, 'pending');
    await edit(second.id, admin, { title: '管理员改写的标题' });
    const override = await move(second.id, admin, 'published');
    assert.equal(override.statusCode, 200, override.body);
    const entries = (await api('GET', `/api/admin/audit?targetType=article&targetId=${second.id}`, admin)).json().entries;
    const note = entries.find((e: { action: string }) => e.action === 'article.approve_override');
    assert.ok(note, 'the override is in the audit log');
    assert.deepEqual(note.details.editedSinceSubmission, true);
  });

  it('forgets edits made before a resubmission: the reviewer who reworked a rejected article may approve the resubmitted one', async () => {
    const article = await draft();
    await move(article.id, editor, 'pending');
    await edit(article.id, reviewer, { summary: '审核员补的摘要' });
    await move(article.id, reviewer, 'rejected', '请核实数据');
    await move(article.id, editor, 'pending');
    const res = await move(article.id, reviewer, 'published');
    assert.equal(res.statusCode, 200, res.body);
  });

  it('answers 400 with the field and the reason for bad input, and 404 for unknown articles', async () => {
    const res = await api('POST', '/api/admin/articles', editor, { categoryId, title: '', bodyHtml: '<p>x</p>', origin: 'original' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().field, 'title');
    assert.match(res.json().message, /title 至少 1 个字符/);
    const wrongOrigin = await api('POST', '/api/admin/articles', editor, { categoryId, title: 'x', bodyHtml: 'x', origin: 'copied' });
    assert.equal(wrongOrigin.json().field, 'origin');
    assert.equal((await api('GET', '/api/admin/articles/999999', editor)).statusCode, 404);
    assert.equal((await move(999999, reviewer, 'published')).statusCode, 404);
  });
});
