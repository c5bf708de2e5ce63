import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildArticle } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';
import { buildTestApp } from '../test-support/test-app.js';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './database.js';
import { createScratchPostgresDatabase } from './scratch-database.js';
import { isBusyDatabase } from './unreachable-database.js';

describe('PostgreSQL lost while serving', { skip: missingEnv('TEST_POSTGRES_URL') }, () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  before(async () => {
    scratch = await createScratchPostgresDatabase(process.env.TEST_POSTGRES_URL!);
    const direct = new URL(scratch.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    // The app reaches the database only through the relay, which the test cuts as a restart or a failover would.
    const relayed = new URL(scratch.url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(proxy.port);
    handle = openDatabase({ kind: 'postgres', url: relayed.toString() }, { queryTimeoutMs: 10_000 });
    await migrateToLatest(handle);
    app = await buildTestApp(handle.db);
  });
  after(async () => {
    await app.close();
    await handle.db.destroy();
    await scratch.drop();
  });

  it('without poolWaitMs (the CLI, whose backups may rightly hold connections long), waits for a free connection as long as it takes', async () => {
    // Ten queries hold the pool's ten connections for longer than a connection may take to open (5 s).
    const holding = Array.from({ length: 10 }, () => sql`select pg_sleep(6)`.execute(handle.db));
    const queued = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    assert.equal(queued.rows[0]?.one, 1);
    await Promise.all(holding);
  });

  it('answers 503 in Chinese when every connection stays busy longer than a request may wait (poolWaitMs), and serves again once one is free', async () => {
    // Longer than opening a connection may take (5 s), as the server's 20 s is: the wait also covers opening the
    // connections the busy queries below need, which on a loaded machine takes a while.
    const direct = openDatabase({ kind: 'postgres', url: scratch.url }, { poolWaitMs: 6_000 });
    const busyApp = await buildTestApp(direct.db);
    let holding: Promise<unknown> = Promise.resolve();
    try {
      const article = await buildArticle(direct.db);
      holding = Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(10)`.execute(direct.db)));
      const started = Date.now();
      const [api, page] = await Promise.all([busyApp.inject(`/api/articles/${article.id}/comments`), busyApp.inject(`/a/${article.id}`)]);
      assert.deepEqual([api.statusCode, api.json().error], [503, 'server.database_busy']);
      assert.match(api.json().message, /访问的人太多/);
      assert.equal(page.statusCode, 503);
      assert.match(page.body, /访问的人太多/);
      assert.ok(Date.now() - started < 9_000, 'answered after the wait, not after the busy queries');
      await holding;
      assert.equal((await busyApp.inject(`/a/${article.id}`)).statusCode, 200);
    } finally {
      // The busy queries end before the pool does, whatever failed above: ended under them, they would reject unheard.
      await Promise.allSettled([holding]);
      await busyApp.close();
      await direct.db.destroy();
    }
  });

  it('bounds the waits of one request in all, not each alone, and leaves the work it starts to wait as any query does', async () => {
    const direct = openDatabase({ kind: 'postgres', url: scratch.url }, { poolWaitMs: 6_000 });
    const waitsApp = await buildTestApp(direct.db);
    const hold = (seconds: number) => Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(${seconds})`.execute(direct.db)));
    // Long enough for ten connections to open and their sleeps to start, on a loaded machine too.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
    const holding: Array<Promise<unknown>> = [];
    let leftRunning: Promise<unknown> | undefined;
    waitsApp.get('/two-waits', async () => {
      // A round of queries side by side, as a page makes: their waits count once.
      await Promise.all(Array.from({ length: 3 }, () => sql`select 1`.execute(direct.db)));
      holding.push(hold(8));
      await settle();
      const started = Date.now();
      const second = await sql`select 1`.execute(direct.db).then(() => undefined, (error: unknown) => error);
      const waitedMs = Date.now() - started;
      // Work a request leaves running: it asks for a connection after the answer, in the request's scope still.
      leftRunning = new Promise((resolve, reject) => setTimeout(() => sql`select 1`.execute(direct.db).then(resolve, reject), 300));
      return { busy: isBusyDatabase(second), waitedMs };
    });
    try {
      holding.push(hold(4));
      await settle();
      // The first round waits about 3.5 s of the request's 6 s: the connections held for 4 s come free.
      const answer = (await waitsApp.inject('/two-waits')).json();
      assert.equal(answer.busy, true, 'the second wait, in a pool held for 8 s more, ends as a busy database');
      assert.ok(answer.waitedMs > 1_500 && answer.waitedMs < 4_500, `it had what the first round left of the 6 s, not 6 s of its own: waited ${answer.waitedMs} ms`);
      await assert.doesNotReject(leftRunning!, 'the work left running waits for the held connections as long as one query may');
    } finally {
      await Promise.allSettled([...holding, leftRunning]);
      await waitsApp.close();
      await direct.db.destroy();
    }
  });

  it('lives through a connection dropped under a query, and answers 503 in Chinese while it is gone', async () => {
    const article = await buildArticle(handle.db);
    assert.equal((await app.inject(`/a/${article.id}`)).statusCode, 200);
    // A query in flight when the connection goes: unheard, its client's error event used to end the process (and this test).
    const inFlight = sql`select pg_sleep(5)`.execute(handle.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.cut();
    await assert.rejects(inFlight);
    const api = await app.inject(`/api/articles/${article.id}/comments`);
    assert.deepEqual([api.statusCode, api.json().error], [503, 'server.database_unavailable']);
    assert.match(api.json().message, /数据库暂时连不上/);
    const page = await app.inject(`/a/${article.id}`);
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /数据库暂时连不上/);
  });
});
