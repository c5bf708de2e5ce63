import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.js';
import { errorMessages } from '../messages/error-messages.js';
import { buildArticle } from '../test-support/factories.js';
import { startStandIn } from '../test-support/stand-in-server.js';
import { buildTestApp } from '../test-support/test-app.js';
import { jsapiSignature } from '../wechat/index.js';

const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2f) NetType/WIFI Language/zh_CN';

describeEachDatabase('WeChat share cards', (t) => {
  let app: FastifyInstance;
  let plain: FastifyInstance;
  let weixinDown = false;
  let articlePath = '';
  let weixin: Awaited<ReturnType<typeof startStandIn>>;

  before(async () => {
    weixin = await startStandIn((request) => {
      if (weixinDown) return { status: 502, json: { error: 'bad gateway' } };
      return request.url.startsWith('/cgi-bin/token') ? { json: { access_token: 'the-token', expires_in: 7200 } } : { json: { errcode: 0, errmsg: 'ok', ticket: 'the-ticket', expires_in: 7200 } };
    });
    app = await buildTestApp(t.db, { wechat: { appId: 'wx0123456789abcdef', appSecret: 'secret', apiBase: weixin.url } });
    plain = await buildTestApp(t.db);
    articlePath = `/a/${(await buildArticle(t.db, { title: '滨江绿道全线贯通' })).id}`;
  });
  after(async () => {
    await app.close();
    await plain.close();
    await weixin.close();
  });

  const jsConfig = (target: FastifyInstance, url: string) => target.inject({ method: 'GET', url: `/api/wechat/js-config?url=${encodeURIComponent(url)}` });

  it('signs a page of this site for wx.config, the #fragment left out as WeChat does', async () => {
    const res = await jsConfig(app, `https://news.example${articlePath}?from=timeline#comments`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const config = res.json();
    assert.equal(config.appId, 'wx0123456789abcdef');
    assert.equal(config.signature, jsapiSignature({ ticket: 'the-ticket', nonceStr: config.nonceStr, timestamp: config.timestamp, url: `https://news.example${articlePath}?from=timeline` }));
  });

  it('refuses to sign another site’s address, or no address at all', async () => {
    for (const url of ['https://evil.example/a/1', 'https://news.example.evil.example/', 'not a url']) {
      const res = await jsConfig(app, url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().message, errorMessages['wechat.foreign_url']);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/wechat/js-config' })).statusCode, 400);
  });

  it('points the article page at the JS-SDK served from this site, and the page does not depend on WeChat being up', async () => {
    weixinDown = true;
    // An instance that has no ticket yet: the one above keeps its ticket for two hours.
    const fresh = await buildTestApp(t.db, { wechat: { appId: 'wx0123456789abcdef', appSecret: 'secret', apiBase: weixin.url } });
    try {
      const down = await jsConfig(fresh, `https://news.example${articlePath}`);
      assert.equal(down.statusCode, 503);
      assert.equal(down.json().message, errorMessages['wechat.unavailable']);
      const page = await fresh.inject({ method: 'GET', url: articlePath, headers: { 'user-agent': WECHAT_UA } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<meta property="og:title" content="滨江绿道全线贯通"/);
      const sdk = /data-wechat-sdk="(\/assets\/jweixin\.js\?v=[0-9a-f]{10})"/.exec(page.body)?.[1];
      assert.ok(sdk, 'the share panel names the JS-SDK');
      const script = await app.inject({ method: 'GET', url: sdk });
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      assert.match(String(script.headers['cache-control']), /immutable/);
      assert.ok(script.body.includes('jWeixin') && script.body.startsWith('(function () {\nvar module = { exports: {} };'));
    } finally {
      weixinDown = false;
      await fresh.close();
    }
  });

  it('without WECHAT_APP_ID, answers 404 and leaves the page without the JS-SDK', async () => {
    const res = await jsConfig(plain, `https://news.example${articlePath}`);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error, 'wechat.not_configured');
    const page = await plain.inject({ method: 'GET', url: articlePath, headers: { 'user-agent': WECHAT_UA } });
    assert.doesNotMatch(page.body, /data-wechat-sdk/);
    assert.match(page.body, /data-share-action="copy"/);
  });
});
