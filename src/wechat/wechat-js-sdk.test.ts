import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { AppError } from '../lib/errors.js';
import { connectRedis } from '../lib/redis.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { type ReceivedRequest, startStandIn, type StandInAnswer } from '../test-support/stand-in-server.js';
import { jsapiSignature } from './jsapi-signature.js';
import { MemoryTicketStore, RedisTicketStore, type TicketStore } from './ticket-store.js';
import { WechatJsSdk } from './wechat-js-sdk.js';

describe('the JS-SDK signature', () => {
  it("gives the signature of the example in WeChat's JS-SDK documentation (附录1)", () => {
    const example = {
      nonceStr: 'Wm3WZYTPz0wzccnW',
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value',
    };
    assert.equal(jsapiSignature(example), '0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    assert.equal(jsapiSignature({ ...example, url: `${example.url}#comments` }), '0f9de62fce790f9a083d5c99e95740ceb90c27ed', 'the #fragment is not signed');
  });
});

/** A stand-in for api.weixin.qq.com that hands out numbered tokens and tickets, or what a test sets. */
async function weixinStandIn() {
  let tokens = 0;
  let tickets = 0;
  const overrides: { token?: StandInAnswer; ticket?: (request: ReceivedRequest) => StandInAnswer | undefined } = {};
  const server = await startStandIn((request) => {
    const url = new URL(request.url, 'http://stand-in');
    if (url.pathname === '/cgi-bin/token') return overrides.token ?? { json: { access_token: `token-${++tokens}`, expires_in: 7200 } };
    if (url.pathname === '/cgi-bin/ticket/getticket') {
      return overrides.ticket?.(request) ?? { json: { errcode: 0, errmsg: 'ok', ticket: `ticket-${++tickets}-${url.searchParams.get('access_token')}`, expires_in: 7200 } };
    }
    return { status: 404, json: { errcode: -1 } };
  });
  const count = (path: string) => server.received.filter((r) => r.url.startsWith(path)).length;
  return { ...server, overrides, tokenFetches: () => count('/cgi-bin/token'), ticketFetches: () => count('/cgi-bin/ticket/getticket') };
}

describe('WechatJsSdk against a stand-in WeChat API', () => {
  let weixin: Awaited<ReturnType<typeof weixinStandIn>>;
  let now = new Date('2026-12-01T08:00:00Z');
  const clock = () => now;
  before(async () => {
    weixin = await weixinStandIn();
  });
  after(() => weixin.close());
  afterEach(() => {
    weixin.overrides.token = undefined;
    weixin.overrides.ticket = undefined;
  });
  const sdk = (store: TicketStore = new MemoryTicketStore(clock), appId = `wx${uniqueSuffix()}${uniqueSuffix()}`) =>
    new WechatJsSdk({ appId, appSecret: 'the-app-secret', apiBase: weixin.url }, store, { timeoutMs: 1000, clock });

  it('fetches the token and the ticket once for many pages at once, asking WeChat as documented', async () => {
    const before = { tokens: weixin.tokenFetches(), tickets: weixin.ticketFetches() };
    const wechat = sdk(undefined, 'wx0123456789abcdef');
    const configs = await Promise.all(Array.from({ length: 8 }, (_, i) => wechat.jsConfig(`https://news.example/a/${i}?x=1#top`)));
    assert.equal(weixin.tokenFetches() - before.tokens, 1);
    assert.equal(weixin.ticketFetches() - before.tickets, 1);
    const tokenRequest = weixin.received.find((r) => r.url.startsWith('/cgi-bin/token'))!;
    assert.equal(tokenRequest.method, 'GET');
    assert.equal(tokenRequest.url, '/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef&secret=the-app-secret');
    const ticket = weixin.received.find((r) => r.url.startsWith('/cgi-bin/ticket'))!;
    assert.match(ticket.url, /^\/cgi-bin\/ticket\/getticket\?access_token=token-\d+&type=jsapi$/);
    const issued = `ticket-${weixin.ticketFetches()}-${new URLSearchParams(ticket.url.split('?')[1]).get('access_token')}`;
    configs.forEach((config, i) => {
      assert.equal(config.appId, 'wx0123456789abcdef');
      assert.equal(config.timestamp, now.getTime() / 1000);
      assert.equal(config.signature, jsapiSignature({ ticket: issued, nonceStr: config.nonceStr, timestamp: config.timestamp, url: `https://news.example/a/${i}?x=1` }));
    });
  });

  it('fetches a new ticket five minutes before the old one expires, not after', async () => {
    const wechat = sdk();
    await wechat.jsConfig('https://news.example/');
    const fetched = weixin.ticketFetches();
    now = new Date(now.getTime() + (7200 - 301) * 1000);
    await wechat.jsConfig('https://news.example/');
    assert.equal(weixin.ticketFetches(), fetched, 'still fresh');
    now = new Date(now.getTime() + 2000);
    await wechat.jsConfig('https://news.example/');
    assert.equal(weixin.ticketFetches(), fetched + 1);
  });

  it('fetches a new token when WeChat says the cached one is no longer valid', async () => {
    const store = new MemoryTicketStore(clock);
    const wechat = sdk(store, 'wx00000000000000aa');
    await wechat.jsConfig('https://news.example/');
    // The ticket is gone while the cached token is still within its time, but WeChat has retired it.
    await store.delete('wechat:wx00000000000000aa:jsapi_ticket');
    const tokens = weixin.tokenFetches();
    weixin.overrides.ticket = () => (weixin.tokenFetches() === tokens ? { json: { errcode: 42001, errmsg: 'access_token expired' } } : undefined);
    const config = await wechat.jsConfig('https://news.example/');
    assert.equal(weixin.tokenFetches(), tokens + 1);
    assert.ok(config.signature);
  });

  it('answers Unavailable, with the cause kept for the log, when WeChat refuses or does not answer', async () => {
    weixin.overrides.token = { json: { errcode: 40013, errmsg: 'invalid appid' } };
    const refused = await sdk().jsConfig('https://news.example/').catch((e: unknown) => e);
    assert.ok(refused instanceof AppError && refused.code === 'wechat.unavailable');
    assert.match(String((refused as Error & { cause: unknown }).cause), /40013/);
    weixin.overrides.token = 'hang';
    const slow = await sdk().jsConfig('https://news.example/').catch((e: unknown) => e);
    assert.ok(slow instanceof AppError && slow.kind === 'Unavailable');
  });

  describe('with the token and ticket in Redis', { skip: missingEnv('TEST_REDIS_URL') }, () => {
    const redis: Redis[] = [];
    before(async () => {
      const keyPrefix = `test:${uniqueSuffix()}:`;
      for (let i = 0; i < 3; i++) redis.push(await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix }));
    });
    after(async () => {
      await Promise.all(redis.map((r) => r.quit()));
    });

    it('shares one fetch among instances: three instances, many pages, one token and one ticket', async () => {
      const appId = `wx${uniqueSuffix()}${uniqueSuffix()}`;
      const before = { tokens: weixin.tokenFetches(), tickets: weixin.ticketFetches() };
      const instances = redis.map((r) => sdk(new RedisTicketStore(r), appId));
      const configs = await Promise.all(instances.flatMap((wechat) => [1, 2, 3].map((n) => wechat.jsConfig(`https://news.example/a/${n}`))));
      assert.equal(weixin.tokenFetches() - before.tokens, 1);
      assert.equal(weixin.ticketFetches() - before.tickets, 1);
      assert.equal(new Set(configs.map((c) => c.appId)).size, 1);
      assert.ok((await redis[0]!.ttl(`wechat:${appId}:jsapi_ticket`)) > 6800, 'kept until five minutes before WeChat expires it');
      await redis[0]!.del(`wechat:${appId}:jsapi_ticket`, `wechat:${appId}:access_token`);
    });

    it('releases only its own lock: one that lapsed and was taken by another instance stays taken', async () => {
      const [a, b, c] = redis.map((r) => new RedisTicketStore(r)) as [RedisTicketStore, RedisTicketStore, RedisTicketStore];
      const key = `wechat:lock-test-${uniqueSuffix()}`;
      const first = await a.tryLock(key, 50);
      assert.ok(first);
      assert.equal(await b.tryLock(key, 50), undefined, 'one holder at a time');
      await new Promise((resolve) => setTimeout(resolve, 120));
      const second = await b.tryLock(key, 10_000);
      assert.ok(second, 'a lapsed lock is free');
      await a.unlock(key, first);
      assert.equal(await c.tryLock(key, 10_000), undefined, 'the late holder did not release the new one');
      await b.unlock(key, second);
      assert.ok(await c.tryLock(key, 1000));
    });
  });
});
