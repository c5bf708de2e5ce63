import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, buildCategory, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

describeEachDatabase('the API as a contract: unknown fields, auth before validation, one error shape', (t) => {
  let app: FastifyInstance;
  let admin: Headers;
  let articleId: number;
  let categoryId: number;
  before(async () => {
    app = await buildTestApp(t.db);
    admin = (await staffWithToken(t.db, 'admin')).headers;
    const category = await buildCategory(t.db);
    categoryId = category.id;
    articleId = (await buildArticle(t.db, { categoryId, status: 'draft', title: '原标题' })).id;
  });
  after(() => app.close());

  it('refuses a misspelled field with 400 naming it, and changes nothing', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/admin/articles/${articleId}`, headers: admin, payload: { titel: '新标题', summary: '新摘要' } });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json(), { error: 'request.unknown_field', message: '未知字段：titel', field: 'titel' });
    const article = (await app.inject({ method: 'GET', url: `/api/admin/articles/${articleId}`, headers: admin })).json();
    assert.equal(article.article.title, '原标题');
    assert.notEqual(article.article.summary, '新摘要');
  });

  it('refuses a patch whose only field is unknown, and an empty patch, with 400 (never a 500)', async () => {
    for (const [url, payload] of [
      [`/api/admin/categories/${categoryId}`, { nmae: '错字' }],
      ['/api/admin/settings', { siteNmae: '错字' }],
      [`/api/admin/articles/${articleId}`, {}],
      [`/api/admin/categories/${categoryId}`, {}],
      ['/api/admin/settings', {}],
    ] as const) {
      const res = await app.inject({ method: 'PATCH', url, headers: admin, payload });
      assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(payload)}: ${res.body}`);
      assert.match(res.json().message, Object.keys(payload).length ? /^未知字段：/ : /至少/);
    }
  });

  it('names an unknown field nested in an object by its path', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/admin/articles/${articleId}`, headers: admin, payload: { flags: { headlin: true } } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().field, 'flags.headlin');
  });

  it('refuses fields sent to a write that takes no body, naming the first, and lets an empty one through', async () => {
    const category = await buildCategory(t.db);
    const url = `/api/admin/categories/${category.id}`;
    const refused = await app.inject({ method: 'DELETE', url, headers: admin, payload: { force: true } });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(refused.json(), { error: 'request.body_not_taken', field: 'force', message: '这个操作不接收请求内容，请不要发送（收到了 force）。' });
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/categories', headers: admin })).json().categories.some((c: { id: number }) => c.id === category.id), true, 'nothing was deleted');
    const text = await app.inject({ method: 'DELETE', url, headers: { ...admin, 'content-type': 'text/plain' }, payload: 'force' });
    assert.deepEqual([text.statusCode, text.json().field], [400, 'body']);
    assert.equal((await app.inject({ method: 'DELETE', url, headers: admin, payload: {} })).statusCode, 204, '{} is no field');
    // A body sent with a method the path does not have is still told the method is wrong.
    const wrongMethod = await app.inject({ method: 'PUT', url: '/api/admin/categories', headers: admin, payload: { name: 'x' } });
    assert.equal(wrongMethod.statusCode, 405, wrongMethod.body);
  });

  it('refuses unknown fields in the reader API too', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: '13900000000', phoen: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().message, '未知字段：phoen');
  });

  it('keeps dropping unknown parameters on public pages, so tracking tags do not break links', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/?utm_source=wechat' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: `/c/${(await buildCategory(t.db)).slug}?from=timeline` })).statusCode, 200);
  });

  it('authenticates before it validates: an anonymous caller learns nothing of the field rules', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/admin/articles', payload: { title: 5 } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error, 'auth.required');
    const wrongRole = (await staffWithToken(t.db, 'editor')).headers;
    const forbidden = await app.inject({ method: 'PATCH', url: '/api/admin/settings', headers: wrongRole, payload: { siteName: 5 } });
    assert.equal(forbidden.statusCode, 403);
  });

  it('answers every error in one shape: error, message, and field when one field is at fault', async () => {
    const badType = await app.inject({ method: 'PATCH', url: `/api/admin/articles/${articleId}`, headers: admin, payload: { categoryId: 'abc' } });
    assert.deepEqual(Object.keys(badType.json()).sort(), ['error', 'field', 'message']);
    assert.equal(badType.json().field, 'categoryId');
    // A NUL in text is refused by the input guard: the field is named the same way, not inside details.
    const nul = await app.inject({ method: 'PATCH', url: `/api/admin/articles/${articleId}`, headers: admin, payload: { summary: 'a\u0000b' } });
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().field, 'summary');
    assert.equal(nul.json().details, undefined);
  });

  it('says what is wrong with a body it cannot read: broken JSON, an empty one, one not in UTF-8, another format', async () => {
    const url = `/api/admin/articles/${articleId}`;
    const titleBefore = (await app.inject({ method: 'GET', url, headers: admin })).json().title;
    // 标题 as GBK bytes: decoded as UTF-8 it would be stored as four �.
    const gbk = Buffer.concat([Buffer.from('{"title": "'), Buffer.from([0xb1, 0xea, 0xcc, 0xe2]), Buffer.from('"}')]);
    const cases: Array<[string, string | Buffer, number, string]> = [
      ['application/json', '{"title": "缺引号}', 400, 'request.invalid_json'],
      ['application/json', '', 400, 'request.empty_json'],
      ['application/json; charset=utf-8', gbk, 400, 'request.not_utf8'],
      ['application/x-www-form-urlencoded', 'title=标题', 415, 'request.unsupported_type'],
    ];
    for (const [type, payload, status, code] of cases) {
      const res = await app.inject({ method: 'PATCH', url, headers: { ...admin, 'content-type': type }, payload });
      assert.deepEqual([res.statusCode, res.json().error], [status, code], `${type} ${payload}`);
      assert.match(res.json().message, /JSON|Content-Type|UTF-8/, `${type} ${payload}`);
    }
    assert.equal((await app.inject({ method: 'GET', url, headers: admin })).json().title, titleBefore, 'nothing was saved');
  });
});
