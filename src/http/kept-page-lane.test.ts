// Kept pages answered before Fastify, over real HTTP: inject() goes to Fastify alone.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { createSqliteTestDatabase } from '../db/testing.js';
import { buildArticle, signedInStaff, staffCookie, uniqueSuffix } from '../test-support/factories.js';
import { connectRedis } from '../lib/redis.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { buildTestApp } from '../test-support/test-app.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET sent as written, with no header added or body decoded, so answers can be compared byte for byte. */
function get(app: FastifyInstance, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** An answer's headers but its Date, which no two answers share. */
const headersOf = ({ headers }: Answer) => Object.entries(headers).filter(([name]) => name !== 'date').sort(([a], [b]) => a.localeCompare(b));

/** The answer and whether the lane gave it, not Fastify. */
async function getCounted(app: FastifyInstance, path: string, headers?: Record<string, string>): Promise<Answer & { byLane: boolean }> {
  const before = app.keptPageLane!.answered;
  const answer = await get(app, path, headers);
  return { ...answer, byLane: app.keptPageLane!.answered > before };
}

/** Fastify's answer to `path`, which keeps the page, after checking that the lane answers the next request alike. */
async function keptOnLane(app: FastifyInstance, path: string, headers?: Record<string, string>): Promise<Answer> {
  const first = await get(app, path, headers);
  assert.equal((await getCounted(app, path, headers)).byLane, true, 'the lane answers it once Fastify has');
  return first;
}

async function listening(app: FastifyInstance): Promise<FastifyInstance> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

describe('the kept-page lane', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  before(async () => {
    handle = await createSqliteTestDatabase();
    app = await listening(await buildTestApp(handle.db, { pageCacheSeconds: 600 }));
  });
  after(async () => {
    await app?.close();
    await handle?.db.destroy();
  });

  it('answers a page again with the bytes and headers Fastify answered it with, in each coding', async () => {
    const article = await buildArticle(handle.db);
    for (const coding of ['identity', 'gzip', 'br']) {
      // Another address for each coding (a parameter no route knows), so each coding's first answer is Fastify's.
      const path = `/a/${article.id}?from=${coding}`;
      const headers = { 'accept-encoding': coding };
      const first = await getCounted(app, path, headers);
      const second = await getCounted(app, path, headers);
      assert.equal(first.status, 200);
      assert.deepEqual([first.byLane, second.byLane], [false, true], coding);
      assert.deepEqual(headersOf(second), headersOf(first), coding);
      assert.ok(second.body.equals(first.body), coding);
      assert.equal(second.headers['content-encoding'], coding === 'identity' ? undefined : coding);
    }
  });

  it('never answers from a page no longer kept: an article withdrawn is 404 at the next request', async () => {
    await answers404AfterWithdrawal(app, (articleId) => withdraw(app, articleId));
  });

  /** Withdraws an article through `app`'s newsroom API, as an editor would. */
  async function withdraw(on: FastifyInstance, articleId: number): Promise<void> {
    const admin = await signedInStaff(on, handle.db, 'admin');
    const version = (await on.inject({ url: `/api/admin/articles/${articleId}`, headers: admin.headers })).json().article.version;
    const withdrawn = await on.inject({
      method: 'POST',
      url: `/api/admin/articles/${articleId}/transitions`,
      headers: admin.headers,
      payload: { to: 'withdrawn', reason: '信息有误', version },
    });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  }

  /** An article's page kept on `on`'s lane, then withdrawn by `withdrawIt`: the next request must be Fastify's 404. */
  async function answers404AfterWithdrawal(on: FastifyInstance, withdrawIt: (articleId: number) => Promise<void>): Promise<void> {
    const article = await buildArticle(handle.db);
    const path = `/a/${article.id}`;
    await keptOnLane(on, path);
    await withdrawIt(article.id);
    const after = await getCounted(on, path);
    assert.deepEqual([after.status, after.byLane], [404, false]);
  }

  it('looks at the page generation first: an article withdrawn by another process is 404 at the next request too', async () => {
    // Another process on the file, as a command would write: nothing in this one hears of it but the generation.
    const { file } = (await sql<{ file: string }>`pragma database_list`.execute(handle.db)).rows[0]!;
    await answers404AfterWithdrawal(app, async (articleId) => {
      const elsewhere = openDatabase({ kind: 'sqlite', file });
      try {
        await elsewhere.db.updateTable('articles').set({ status: 'withdrawn' }).where('id', '=', articleId).execute();
      } finally {
        await elsewhere.db.destroy();
      }
    });
  });

  it('answers reloads, leaves staff and an instance shutting down to Fastify, and keeps elder mode apart', async () => {
    const article = await buildArticle(handle.db, { status: 'published' });
    const path = `/a/${article.id}`;
    const kept = await keptOnLane(app, path);

    const staff = await getCounted(app, path, { cookie: await staffCookie(handle.db) });
    assert.deepEqual([staff.byLane, staff.headers['cache-control']], [false, 'private, no-store']);
    // A reload naming the page's tag: 304 with the headers Fastify's own 304 has (asked at an address the lane never saw).
    const reload = { 'if-none-match': String(kept.headers.etag) };
    const revalidated = await getCounted(app, path, reload);
    const fromFastify = await getCounted(app, `${path}?from=reload`, reload);
    assert.deepEqual([revalidated.status, revalidated.byLane, fromFastify.status, fromFastify.byLane], [304, true, 304, false]);
    assert.deepEqual(headersOf(revalidated), headersOf(fromFastify));
    assert.equal(revalidated.body.length, 0);
    const otherTag = await getCounted(app, path, { 'if-none-match': '"an-older-tag"' });
    assert.deepEqual([otherTag.status, otherTag.byLane, otherTag.body.equals(kept.body)], [200, true, true]);
    const withToken = await getCounted(app, path, { authorization: 'Bearer x' });
    assert.equal(withToken.byLane, false);
    const long = `${path}?from=${'x'.repeat(2000)}`;
    await get(app, long);
    assert.equal((await getCounted(app, long)).byLane, false, 'an address longer than 1 KB is not remembered');

    const elder = await getCounted(app, path, { cookie: 'bendi_elder=1' });
    assert.equal(elder.byLane, false, "the standard page's address is not the elder page's");
    assert.match(elder.body.toString(), /<html[^>]* class="elder"/);
    const elderAgain = await getCounted(app, path, { cookie: 'other=1; bendi_elder=1' });
    assert.deepEqual([elderAgain.byLane, elderAgain.body.equals(elder.body)], [true, true]);

    app.draining = true;
    try {
      const draining = await getCounted(app, path);
      assert.deepEqual([draining.byLane, draining.headers.connection], [false, 'close']);
    } finally {
      app.draining = false;
    }
  });

  it("answers each Host, and each protocol a trusted proxy forwards, with that origin's own page", async () => {
    const hosts = await listening(await buildTestApp(handle.db, { pageCacheSeconds: 600, publicUrl: undefined, trustProxy: ['127.0.0.1'] }));
    try {
      const article = await buildArticle(handle.db);
      const path = `/a/${article.id}`;
      for (const [host, proto] of [
        ['a.example', 'https'],
        ['b.example', 'https'],
        ['a.example', 'http'],
      ] as const) {
        const headers = { host, 'x-forwarded-proto': proto };
        await get(hosts, path, headers);
        const answer = await getCounted(hosts, path, headers);
        assert.equal(answer.byLane, true);
        assert.match(answer.body.toString(), new RegExp(`<link rel="canonical" href="${proto}://${host}/a/${article.id}"`));
        assert.equal(answer.headers['strict-transport-security'] !== undefined, proto === 'https', `${proto}://${host}`);
      }
      // A forwarded host the proxy did not set, written as a missing one would read if the key printed it:
      const spoofed = `/a/${article.id}?from=spoof`;
      const madeUp = { host: 'a.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'undefined' };
      await get(hosts, spoofed, madeUp);
      assert.equal((await getCounted(hosts, spoofed, madeUp)).byLane, true);
      const reader = await getCounted(hosts, spoofed, { host: 'a.example', 'x-forwarded-proto': 'https' });
      assert.equal(reader.byLane, false);
      assert.match(reader.body.toString(), new RegExp(`<link rel="canonical" href="https://a.example/a/${article.id}"`));
    } finally {
      await hosts.close();
    }
  });

  it("admits the page's origin at each answer, as Fastify's path does: a Host pushed out by busier ones is answered by Fastify, kept for nobody", async () => {
    const hosts = await listening(await buildTestApp(handle.db, { pageCacheSeconds: 600, publicUrl: undefined }));
    try {
      const article = await buildArticle(handle.db);
      const path = `/a/${article.id}`;
      await keptOnLane(hosts, path, { host: 'news.example' });
      // Eight names asked for more often than news.example: the page cache admits eight (OriginAdmission).
      for (let name = 1; name <= 8; name++) for (let i = 0; i < 5; i++) await get(hosts, path, { host: `busy${name}.example` });
      const pushedOut = await getCounted(hosts, path, { host: 'news.example' });
      assert.deepEqual([pushedOut.status, pushedOut.byLane, pushedOut.headers['cache-control']], [200, false, 'private, no-store']);
    } finally {
      await hosts.close();
    }
  });

  it('with Redis, asks it first: an article withdrawn on another instance is 404 at the next request', { skip: missingEnv('TEST_REDIS_URL') }, async () => {
    const keyPrefix = `test-${uniqueSuffix()}:`;
    const [redisA, redisB] = await Promise.all([connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix }), connectRedis(process.env.TEST_REDIS_URL!, { keyPrefix })]);
    const a = await listening(await buildTestApp(handle.db, { pageCacheSeconds: 600, redis: redisA }));
    const b = await buildTestApp(handle.db, { pageCacheSeconds: 600, redis: redisB });
    try {
      await answers404AfterWithdrawal(a, (articleId) => withdraw(b, articleId));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await Promise.all([redisA.quit(), redisB.quit()]);
    }
  });
});
