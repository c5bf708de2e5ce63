// 专题 through the admin API: CRUD, the articles' review workflow and permissions, and bad input answered with a clear 4xx.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { insertMedia } from '../../media/index.js';
import { buildArticle, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
const MARKUP = '<script>alert(1)</script><b>粗</b>';

describeEachDatabase('专题 through the admin API', (t) => {
  let app: FastifyInstance;
  let editor: Headers;
  let otherEditor: Headers;
  let reviewer: Headers;
  let admin: Headers;
  let imageId: number;
  before(async () => {
    app = await buildTestApp(t.db);
    const headersOf = async (role: 'editor' | 'reviewer' | 'admin') => (await staffWithToken(t.db, role)).headers;
    [editor, otherEditor, reviewer, admin] = [await headersOf('editor'), await headersOf('editor'), await headersOf('reviewer'), await headersOf('admin')];
    imageId = (await insertMedia(t.db, { storageKey: `t/${uniqueSuffix()}.webp`, contentType: 'image/webp', width: 1200, height: 400, byteSize: 1000, altText: '', variants: [] }, new Date())).id;
  });
  after(() => app.close());

  const api = (headers: Headers, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const newTopic = (extra: object = {}) => ({ slug: `zt-${uniqueSuffix()}`, title: '春节专题', introHtml: '<p>介绍</p>', ...extra });
  const create = async (headers: Headers, extra: object = {}) => {
    const res = await api(headers, 'POST', '/api/admin/topics', newTopic(extra));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().topic as { id: number; version: number; status: string; slug: string };
  };
  const move = (headers: Headers, id: number, body: object) => api(headers, 'POST', `/api/admin/topics/${id}/transitions`, body);

  it('creates, reads, lists, edits and deletes a 专题, with its sections in order and an audit trail', async () => {
    const [first, second] = await Promise.all([buildArticle(t.db), buildArticle(t.db, { status: 'draft' })]);
    const created = await api(editor, 'POST', '/api/admin/topics', newTopic({
      title: `  ${MARKUP}  `,
      introHtml: `<p onclick="x()">导语</p>${MARKUP}`,
      banner: { mediaId: imageId, alt: ' 灯会 ' },
      position: 3,
      showOnHome: true,
      sections: [
        { title: '现场', articleIds: [second.id, first.id, second.id] },
        { title: '关键词', tag: ' 春节 ', tagLimit: 5 },
      ],
    }));
    assert.equal(created.statusCode, 201, created.body);
    const topic = created.json().topic;
    assert.equal(topic.title, MARKUP, 'kept as text (escaped where shown), trimmed');
    assert.equal(topic.introHtml, '<p>导语</p><b>粗</b>', 'the introduction goes through the body allowlist');
    assert.deepEqual(topic.banner, { mediaId: imageId, alt: '灯会' });
    assert.deepEqual(topic.sections, [
      { title: '现场', articleIds: [second.id, first.id], tag: null, tagLimit: 10 },
      { title: '关键词', articleIds: [], tag: '春节', tagLimit: 5 },
    ]);
    assert.equal(topic.status, 'draft');

    const read = await api(editor, 'GET', `/api/admin/topics/${topic.id}`);
    assert.deepEqual(read.json().topic, topic);
    const listed = await api(editor, 'GET', '/api/admin/topics?status=draft');
    assert.ok(listed.json().topics.some((x: { id: number }) => x.id === topic.id));

    const edited = await api(editor, 'PATCH', `/api/admin/topics/${topic.id}`, { sections: [{ title: '只剩一个', articleIds: [first.id] }], showOnHome: false });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().topic.sections, [{ title: '只剩一个', articleIds: [first.id], tag: null, tagLimit: 10 }]);
    assert.equal(edited.json().topic.version, topic.version + 1);
    assert.equal((await api(editor, 'PATCH', `/api/admin/topics/${topic.id}`, { slug: 'new-slug' })).json().error, 'request.unknown_field', 'the slug is permanent');

    assert.equal((await api(otherEditor, 'DELETE', `/api/admin/topics/${topic.id}`)).statusCode, 403, 'not another editor’s draft');
    assert.equal((await api(editor, 'DELETE', `/api/admin/topics/${topic.id}`)).statusCode, 204);
    assert.equal((await api(editor, 'GET', `/api/admin/topics/${topic.id}`)).statusCode, 404);
    const actions = (await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'topic').where('target_id', '=', String(topic.id)).orderBy('id').execute()).map((r) => r.action);
    assert.deepEqual(actions, ['topic.create', 'topic.update', 'topic.delete']);
  });

  it('moves through the articles’ workflow with their roles, reasons and version rule', async () => {
    const topic = await create(editor);
    assert.equal((await move(editor, topic.id, { to: 'published', version: topic.version })).statusCode, 409, 'a draft is not published directly');
    assert.equal((await move(editor, topic.id, { to: 'pending' })).statusCode, 200);
    assert.equal((await move(editor, topic.id, { to: 'published', version: topic.version })).statusCode, 403, 'editors do not approve');
    assert.equal((await move(reviewer, topic.id, { to: 'published' })).json().error, 'workflow.version_required');
    assert.equal((await move(reviewer, topic.id, { to: 'rejected' })).json().error, 'workflow.reason_required');
    const approved = await move(reviewer, topic.id, { to: 'published', version: topic.version });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().topic.status, 'published');
    assert.ok(approved.json().topic.publishedAt);

    assert.equal((await api(editor, 'PATCH', `/api/admin/topics/${topic.id}`, { title: '改' })).json().error, 'topics.not_editable', 'editors edit until publication');
    assert.equal((await api(editor, 'DELETE', `/api/admin/topics/${topic.id}`)).json().error, 'content.not_a_draft');
    assert.equal((await move(editor, topic.id, { to: 'withdrawn', reason: '过时' })).statusCode, 403);
    const withdrawn = await move(reviewer, topic.id, { to: 'withdrawn', reason: '活动取消' });
    assert.equal(withdrawn.json().topic.status, 'withdrawn');
    assert.equal(withdrawn.json().topic.statusReason, '活动取消');

    const edited = await api(reviewer, 'PATCH', `/api/admin/topics/${topic.id}`, { title: '新标题' });
    assert.equal(edited.statusCode, 200, 'reviewers edit at any time');
    const stale = await move(reviewer, topic.id, { to: 'published', version: topic.version });
    assert.equal(stale.json().error, 'workflow.stale_version');
    assert.equal((await move(reviewer, topic.id, { to: 'published', version: edited.json().topic.version })).json().topic.status, 'published');

    const actions = (await t.db.selectFrom('audit_log').select(['action', 'details']).where('target_type', '=', 'topic').where('target_id', '=', String(topic.id)).orderBy('id').execute()).map((r) => r.action);
    assert.deepEqual(actions, ['topic.create', 'topic.submit', 'topic.approve', 'topic.withdraw', 'topic.update', 'topic.republish']);
  });

  it('keeps separation of duties: a reviewer does not approve their own 专题, an admin may', async () => {
    const own = await create(reviewer);
    await move(reviewer, own.id, { to: 'pending' });
    assert.equal((await move(reviewer, own.id, { to: 'published', version: own.version })).json().error, 'workflow.own_article');
    const mine = await create(admin);
    await move(admin, mine.id, { to: 'pending' });
    assert.equal((await move(admin, mine.id, { to: 'published', version: mine.version })).statusCode, 200);
    const others = await create(editor);
    await move(editor, others.id, { to: 'pending' });
    assert.equal((await move(otherEditor, others.id, { to: 'draft' })).json().error, 'workflow.others_submission');
  });

  it('answers bad input with a clear 4xx naming the field, and saves nothing', async () => {
    const pdf = await insertMedia(t.db, { storageKey: `t/${uniqueSuffix()}.pdf`, contentType: 'application/pdf', width: 0, height: 0, byteSize: 10, altText: '', variants: [] }, new Date());
    const taken = await create(editor);
    const cases: Array<[object, number, string, RegExp?]> = [
      [{ slug: 'Bad Slug!' }, 400, 'topics.invalid_slug', /小写字母/],
      [{ slug: taken.slug }, 409, 'topics.slug_taken'],
      [{ title: '长'.repeat(61) }, 400, 'request.invalid', /最多 60 个字符/],
      [{ title: '   ' }, 400, 'content.title_required'],
      [{ banner: { mediaId: pdf.id, alt: '文件' } }, 400, 'topics.banner_not_image', /不是图片/],
      [{ banner: { mediaId: 999999, alt: '图' } }, 400, 'topics.banner_not_found'],
      [{ banner: { mediaId: imageId, alt: ' ' } }, 400, 'content.image_alt_required'],
      [{ sections: [{ title: '栏目', articleIds: [999998, 999999] }] }, 400, 'topics.unknown_articles', /999998、999999/],
      [{ sections: [{ title: '  ' }] }, 400, 'topics.section_title_required', /第 1 个栏目/],
      [{ sections: [{ title: '栏目', tag: 'a/b' }] }, 400, 'content.tag_invalid'],
      [{ sections: [{ title: '长'.repeat(31) }] }, 400, 'request.invalid'],
      [{ introHtml: '<p><img src="https://tracker.example/p.gif" alt=""></p>' }, 400, 'content.foreign_image'],
      [{ introHtml: 'x'.repeat(20001) }, 400, 'request.invalid'],
    ];
    const before = await t.db.selectFrom('topics').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [extra, status, code, message] of cases) {
      const res = await api(editor, 'POST', '/api/admin/topics', newTopic(extra));
      assert.equal(res.statusCode, status, `${JSON.stringify(extra).slice(0, 80)}: ${res.body}`);
      assert.equal(res.json().error, code);
      if (message) assert.match(res.json().message, message);
    }
    const afterCount = await t.db.selectFrom('topics').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('gives one slug to one of two editors creating at once; the other hears 409', async () => {
    const slug = `same-${uniqueSuffix()}`;
    const answers = await Promise.all([editor, otherEditor].map((h) => api(h, 'POST', '/api/admin/topics', newTopic({ slug }))));
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409]);
  });

  it('refuses anonymous callers and roles without the permission', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/topics' })).statusCode, 401);
    const topic = await create(editor);
    assert.equal((await move(editor, topic.id, { to: 'pending' })).statusCode, 200);
    assert.equal((await move(otherEditor, topic.id, { to: 'rejected', reason: '不行' })).statusCode, 403);
  });
});
