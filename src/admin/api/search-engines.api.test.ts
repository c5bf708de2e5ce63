import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { PUSH_INTERVAL_MS, SearchPushWorker } from '../../search-push/index.js';
import { buildArticle, staffWithToken } from '../../test-support/factories.js';
import { type ReceivedRequest, type StandInAnswer, startStandIn } from '../../test-support/stand-in-server.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
const TOKEN = 'edk7yc4rEZP9pDQD';
const KEY = 'c0ffee0123456789';

describeEachDatabase('search engine push settings, results in the admin, the IndexNow key file', (t) => {
  let app: FastifyInstance;
  let admin: Headers;
  let reviewer: Headers;
  let answer: (request: ReceivedRequest) => StandInAnswer = () => ({ json: { success: 1, remain: 42, not_same_site: [], not_valid: [] } });
  let standIn: Awaited<ReturnType<typeof startStandIn>>;

  before(async () => {
    standIn = await startStandIn((request) => answer(request));
    app = await buildTestApp(t.db);
    await app.ready();
    admin = (await staffWithToken(t.db, 'admin')).headers;
    reviewer = (await staffWithToken(t.db, 'reviewer')).headers;
  });
  after(async () => {
    await app.close();
    await standIn.close();
  });

  const patch = (payload: object) => app.inject({ method: 'PATCH', url: '/api/admin/settings/search-engines', headers: admin, payload });
  const publish = async () => {
    const article = await buildArticle(t.db, { status: 'pending', publishedAt: null, title: `溪口镇老街改造完工 ${Math.random()}` });
    const res = await app.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers: reviewer, payload: { to: 'published', version: article.version } });
    assert.equal(res.statusCode, 200, res.body);
    return article;
  };
  const pushes = async () => (await app.inject({ method: 'GET', url: '/api/admin/search-engines/pushes', headers: admin })).json().pushes;

  it('keeps the Baidu token write-only and refuses a malformed IndexNow key in Chinese', async () => {
    const res = await patch({ baiduSite: 'https://news.example', baiduToken: TOKEN, baiduEndpoint: `${standIn.url}/urls` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().baiduTokenSet, true);
    for (const url of ['/api/admin/settings/search-engines', '/admin/search-engines', '/api/admin/audit']) {
      const page = await app.inject({ method: 'GET', url, headers: admin });
      assert.equal(page.statusCode, 200, url);
      assert.ok(!page.body.includes(TOKEN), `${url} shows the token`);
    }
    const bad = await patch({ indexNowKey: 'short' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /[\u4e00-\u9fff]/);
    const editor = (await staffWithToken(t.db, 'editor')).headers;
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/search-engines/pushes', headers: editor })).statusCode, 403);
  });

  it('pushes a published article from the running app, and shows the result in the admin', async () => {
    await patch({ baiduSite: 'https://news.example', baiduToken: TOKEN, baiduEndpoint: `${standIn.url}/urls` });
    const article = await publish();
    const pushOf = async () => (await pushes()).find((p: { articleId: number }) => p.articleId === article.id);
    const deadline = Date.now() + 3 * PUSH_INTERVAL_MS;
    while ((await pushOf()).status === 'pending' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(standIn.received.some((r) => r.body === `https://news.example/a/${article.id}`), 'the app worker sent it');

    const push = await pushOf();
    assert.equal(push.status, 'sent');
    assert.equal(push.url, `https://news.example/a/${article.id}`);
    assert.equal(push.resultText, '搜索引擎已接收，今日剩余配额 42 条');
    const page = await app.inject({ method: 'GET', url: '/admin/search-engines', headers: admin });
    assert.ok(page.body.includes('已推送') && page.body.includes('今日剩余配额 42 条'));
  });

  it('shows a refused token as a failure in Chinese', async () => {
    await patch({ baiduSite: 'https://news.example', baiduToken: TOKEN, baiduEndpoint: `${standIn.url}/urls` });
    answer = () => ({ status: 401, json: { error: 401, message: 'token is not valid' } });
    const article = await publish();
    await new SearchPushWorker({ db: t.db, clock: () => new Date(), log: { warn: () => undefined }, publicUrl: 'https://news.example', articlePath: (id) => `/a/${id}` }).run();
    const [push] = (await pushes()).filter((p: { articleId: number }) => p.articleId === article.id);
    assert.equal(push.status, 'failed');
    assert.equal(push.resultText, '密钥无效：请检查百度 token 或 IndexNow 密钥是否正确（搜索引擎返回：token is not valid）');
    const failed = (await app.inject({ method: 'GET', url: '/api/admin/search-engines/pushes?status=failed', headers: admin })).json().pushes;
    assert.ok(failed.every((p: { status: string }) => p.status === 'failed') && failed.some((p: { articleId: number }) => p.articleId === article.id));
    const page = await app.inject({ method: 'GET', url: '/admin/search-engines', headers: admin });
    assert.ok(page.body.includes('失败') && page.body.includes('token is not valid'));
  });

  it('serves the IndexNow key file at /<key>.txt while the key is set, and nothing for another name', async () => {
    assert.equal((await app.inject(`/${KEY}.txt`)).statusCode, 404);
    await patch({ indexNowKey: KEY });
    const file = await app.inject(`/${KEY}.txt`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, KEY);
    assert.match(String(file.headers['content-type']), /^text\/plain/);
    assert.equal((await app.inject('/0123456789abcdef.txt')).statusCode, 404);
    assert.equal((await app.inject('/robots.txt')).statusCode, 200);
  });
});
