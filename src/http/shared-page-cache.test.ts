// Several instances on one database: a change made through any of them reaches every instance's page
// cache before that instance answers its next request, over the generation counter in Redis.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { describeEachDatabase } from '../db/testing.js';
import { connectRedis } from '../lib/redis.js';
import { buildArticle, staffCookie, staffWithToken, uniqueSuffix } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { startTcpProxy } from '../test-support/tcp-proxy.js';
import { buildTestApp } from '../test-support/test-app.js';

type Headers = Record<string, string>;

describe('the page cache of several instances', { skip: missingEnv('TEST_REDIS_URL') }, () => {
  describeEachDatabase('two instances sharing Redis', (t) => {
    let redisA: Redis;
    let redisB: Redis;
    let a: FastifyInstance;
    let b: FastifyInstance;
    let admin: Headers;
    let keyPrefix: string;

    before(async () => {
      // Each run its own keys: other test files may share this Redis.
      keyPrefix = `test-${uniqueSuffix()}:`;
      redisA = await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix });
      redisB = await connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix });
      a = await buildTestApp(t.db, { pageCacheSeconds: 600, redis: redisA });
      b = await buildTestApp(t.db, { pageCacheSeconds: 600, redis: redisB });
      admin = (await staffWithToken(t.db, 'admin')).headers;
    });
    after(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await Promise.all([redisA?.quit(), redisB?.quit()]);
    });

    /** Drops the connection as a network fault would, and waits until the client has noticed. */
    const lose = async (redis: Redis) => {
      const ended = once(redis, 'end');
      redis.disconnect();
      await ended;
    };

    /** Reads the article on B once, then changes its title behind the cache's back: B keeps the old one until told. */
    const cachedOnB = async () => {
      const article = await buildArticle(t.db, { title: `缓存的标题 ${uniqueSuffix()}` });
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes(article.title));
      await t.db.updateTable('articles').set({ title: '未经通知的改动' }).where('id', '=', article.id).execute();
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes(article.title), 'B serves its cached page');
      return article;
    };

    it('withdrawn on A: B answers 404 at its very next request', async () => {
      const article = await cachedOnB();
      const version = (await a.inject({ url: `/api/admin/articles/${article.id}`, headers: admin })).json().article.version;
      const withdrawn = await a.inject({
        method: 'POST',
        url: `/api/admin/articles/${article.id}/transitions`,
        headers: admin,
        payload: { to: 'withdrawn', reason: '信息有误', version },
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal((await b.inject(`/a/${article.id}`)).statusCode, 404);
    });

    it('edited on A: B shows the new title at its very next request', async () => {
      const article = await cachedOnB();
      const edited = await a.inject({
        method: 'PATCH',
        url: `/api/admin/articles/${article.id}`,
        headers: admin,
        payload: { categoryId: article.categoryId, title: '改过的标题', bodyHtml: '<p>新的正文。</p>', origin: 'original' },
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const page = (await b.inject(`/a/${article.id}`)).body;
      assert.ok(page.includes('改过的标题'));
      assert.ok(page.includes('新的正文。'));
    });

    it('settings changed on A: the next page from B has them, site-wide data included', async () => {
      const before = (await b.inject('/')).body;
      const tagline = `新口号${uniqueSuffix()}`;
      assert.ok(!before.includes(tagline));
      const changed = await a.inject({ method: 'PATCH', url: '/api/admin/settings', headers: admin, payload: { tagline } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.ok((await b.inject('/')).body.includes(tagline));
    });

    it('renders from the database while Redis is lost, says so on /readyz, and caches again once it is back', async () => {
      const article = await cachedOnB();
      await lose(redisB);
      try {
        const during = await b.inject(`/a/${article.id}`);
        assert.equal(during.statusCode, 200);
        assert.ok(during.body.includes('未经通知的改动'), 'the page comes from the database, not from a cache that may have missed changes');
        const ready = await b.inject('/readyz');
        assert.equal(ready.statusCode, 503);
        assert.equal(ready.json().checks.redis, 'failed');
      } finally {
        await redisB.connect();
      }
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes('未经通知的改动'));
      await t.db.updateTable('articles').set({ title: '再次未经通知' }).where('id', '=', article.id).execute();
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes('未经通知的改动'), 'cached again');
      assert.equal((await b.inject('/readyz')).statusCode, 200);
    });

    it('renders from the database while Redis stalls, each page without a lookup of its own after the first, and caches again once Redis runs', async () => {
      // C reaches Redis through a relay that can hang: the connection stays up and nothing is answered.
      const redis = new URL(process.env.TEST_REDIS_URL!);
      const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      const redisC = await connectRedis(`redis://127.0.0.1:${link.port}`, { keyPrefix });
      const c = await buildTestApp(t.db, { pageCacheSeconds: 600, redis: redisC });
      const lookups = () => link.held().split('bendi:page-generation').length - 1;
      try {
        const article = await buildArticle(t.db, { title: `缓存的标题 ${uniqueSuffix()}` });
        const url = `/a/${article.id}`;
        const retitle = (title: string) => t.db.updateTable('articles').set({ title }).where('id', '=', article.id).execute();
        assert.ok((await c.inject(url)).body.includes(article.title));
        await retitle('未经通知的改动');
        assert.ok((await c.inject(url)).body.includes(article.title), 'C serves its cached page');

        link.hang();
        const first = await c.inject(url);
        assert.equal(first.statusCode, 200);
        assert.ok(first.body.includes('未经通知的改动'), 'not from a cache that may have missed changes');
        const started = Date.now();
        const before = lookups();
        const pages = 20;
        for (let i = 0; i < pages; i++) {
          await retitle(`停顿中的改动 ${i}`);
          const page = await c.inject(url);
          assert.equal(page.statusCode, 200);
          assert.ok(page.body.includes(`停顿中的改动 ${i}`), `page ${i} is rendered from the database`);
        }
        const windows = Math.ceil((Date.now() - started) / 1_000);
        const during = lookups() - before;
        assert.ok(during < pages, `${during} lookups for ${pages} pages: no page waits on a lookup of its own`);
        assert.ok(during <= windows, `${during} lookups in ${windows} backoff windows`);

        link.resume();
        // The next lookup finds Redis answering again, or, if the hang outlasted the connection (3 s), the
        // next connection, made after ioredis's backoff (at most 5 s); from then on pages are kept.
        let cached = false;
        for (const deadline = Date.now() + 15_000; !cached && Date.now() < deadline; await sleep(50)) {
          await c.inject(url);
          const unannounced = `恢复后未经通知 ${uniqueSuffix()}`;
          await retitle(unannounced);
          cached = !(await c.inject(url)).body.includes(unannounced);
        }
        assert.ok(cached, 'cached again once Redis runs');
      } finally {
        await c.close();
        redisC.disconnect();
        await link.cut();
      }
    });

    it('asks Redis for the generation once for each page it renders, however much shared data the page loads', async () => {
      // D keeps no page, so each request renders, and reaches Redis through a relay that shows what it sent.
      const redis = new URL(process.env.TEST_REDIS_URL!);
      const link = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      const redisD = await connectRedis(`redis://127.0.0.1:${link.port}`, { keyPrefix });
      const d = await buildTestApp(t.db, { pageCacheSeconds: 600, pageCachePages: 0, redis: redisD });
      const lookups = () => link.sent().split('bendi:page-generation').length - 1;
      try {
        const article = await buildArticle(t.db);
        const { slug } = await t.db.selectFrom('categories').select('slug').where('id', '=', article.categoryId).executeTakeFirstOrThrow();
        // The home page and a section's load settings, navigation, ads, 排行 and the section's count, each shared.
        for (const url of [`/a/${article.id}`, '/', `/c/${slug}`]) {
          for (let round = 0; round < 2; round++) {
            const before = lookups();
            assert.equal((await d.inject(url)).statusCode, 200);
            assert.equal(lookups() - before, 1, `${url}, round ${round}`);
          }
        }
      } finally {
        await d.close();
        redisD.disconnect();
        await link.cut();
      }
    });

    it('refuses a staff change on A while A has lost Redis, saving nothing, and passes it to B at once when A is back', async () => {
      const article = await cachedOnB();
      const version = (await a.inject({ url: `/api/admin/articles/${article.id}`, headers: admin })).json().article.version;
      const withdraw = () =>
        a.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers: admin, payload: { to: 'withdrawn', reason: '信息有误', version } });
      await lose(redisA);
      try {
        const refused = await withdraw();
        assert.equal(refused.statusCode, 503, refused.body);
        assert.equal(refused.json().error, 'pages.change_not_announced');
        assert.match(refused.json().message, /没有保存/);
      } finally {
        await redisA.connect();
      }
      const stored = await t.db.selectFrom('articles').select('status').where('id', '=', article.id).executeTakeFirstOrThrow();
      assert.equal(stored.status, 'published', 'nothing was saved that B could not be told of');
      assert.equal((await withdraw()).statusCode, 200);
      assert.equal((await b.inject(`/a/${article.id}`)).statusCode, 404);
    });

    it('announces a change made on A without Redis (a reader’s comment) as soon as A is back', async () => {
      const article = await cachedOnB();
      await lose(redisA);
      try {
        await a.pageCache.clear();
      } finally {
        await redisA.connect();
      }
      // Commands on one connection run in order: once this PING is answered, the owed INCR has been counted.
      await redisA.ping();
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes('未经通知的改动'));
    });

    it('without Redis, each instance keeps its own cache, as one instance always did', async () => {
      const alone = await buildTestApp(t.db, { pageCacheSeconds: 600 });
      try {
        const article = await buildArticle(t.db);
        assert.equal((await alone.inject(`/a/${article.id}`)).statusCode, 200);
        const version = (await a.inject({ url: `/api/admin/articles/${article.id}`, headers: admin })).json().article.version;
        const payload = { to: 'withdrawn', reason: '信息有误', version };
        await a.inject({ method: 'POST', url: `/api/admin/articles/${article.id}/transitions`, headers: admin, payload });
        assert.equal((await alone.inject(`/a/${article.id}`)).statusCode, 200, 'an instance outside Redis is not told');
      } finally {
        await alone.close();
      }
    });

    it('gives staff a page built for them, marked private, and never keeps it for readers', async () => {
      const article = await buildArticle(t.db, { title: `员工先看 ${uniqueSuffix()}` });
      const cookie = await staffCookie(t.db);
      const staff = await b.inject({ url: `/a/${article.id}`, headers: { cookie } });
      assert.equal(staff.statusCode, 200);
      assert.equal(staff.headers['cache-control'], 'private, no-store');
      await t.db.updateTable('articles').set({ title: '读者看到的标题' }).where('id', '=', article.id).execute();
      const reader = await b.inject(`/a/${article.id}`);
      assert.ok(reader.body.includes('读者看到的标题'), "the staff member's page was not kept");
      assert.equal(reader.headers['cache-control'], 'no-cache');

      await t.db.updateTable('articles').set({ title: '员工才看到的新标题' }).where('id', '=', article.id).execute();
      assert.ok((await b.inject({ url: `/a/${article.id}`, headers: { cookie } })).body.includes('员工才看到的新标题'), 'staff never get the cached page');
      assert.ok((await b.inject(`/a/${article.id}`)).body.includes('读者看到的标题'), 'while readers still do');
    });

    it('answers 304 with no body to a reader whose copy is current, however a proxy wrote the tag', async () => {
      const article = await buildArticle(t.db);
      const etag = String((await b.inject(`/a/${article.id}`)).headers.etag);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"older", W/${etag}`, '*']) {
        const res = await b.inject({ url: `/a/${article.id}`, headers: { 'if-none-match': ifNoneMatch } });
        assert.equal(res.statusCode, 304, ifNoneMatch);
        assert.equal(res.body, '');
        assert.equal(res.headers.etag, etag);
        assert.equal(res.headers['cache-control'], 'no-cache');
      }
      assert.equal((await b.inject({ url: `/a/${article.id}`, headers: { 'if-none-match': '"older"' } })).statusCode, 200);
      const brotli = await b.inject({ url: `/a/${article.id}`, headers: { 'accept-encoding': 'br' } });
      assert.notEqual(brotli.headers.etag, etag, 'each content coding has its own tag');
      const gzip = await b.inject({ url: `/a/${article.id}`, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(brotli.headers.etag) } });
      assert.equal(gzip.statusCode, 200, 'a brotli copy does not stand for the gzip one');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
    });
  });
});
