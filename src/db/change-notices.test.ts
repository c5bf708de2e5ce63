// A lone instance on PostgreSQL hears of a command's change (LISTEN/NOTIFY), and the command hears it was heard.
import assert from 'node:assert/strict';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { missingEnv } from '../test-support/skip-reasons.js';
import { announceChange, ChangeNotices } from './change-notices.js';
import { type DatabaseHandle, postgresUrlOf } from './database.js';
import { createPostgresTestDatabase } from './testing.js';

describe('change notices on PostgreSQL', { skip: missingEnv('TEST_POSTGRES_URL') }, () => {
  let handle: DatabaseHandle;
  let url: string;
  const warnings: string[] = [];
  const infos: string[] = [];
  const log = { info: (message: string) => void infos.push(message), warn: (_context: unknown, message: string) => void warnings.push(message) };
  before(async () => {
    handle = await createPostgresTestDatabase(process.env.TEST_POSTGRES_URL!);
    url = postgresUrlOf(handle.db)!;
  });
  after(() => handle.db.destroy());

  /** Waits, at most 5 s, for `notices` to have heard `heard`. */
  const hasHeard = async (notices: ChangeNotices, heard: number) => {
    for (let waited = 0; notices.heard !== heard; waited += 20) {
      if (waited > 5_000) assert.fail(`heard ${notices.heard}, not ${heard}, within 5 s`);
      await sleep(20);
    }
  };

  const terminateListeners = () =>
    sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bendi change notices' and datname = current_database()`.execute(handle.db);

  it('hears an announced change and answers it, so the command knows it was heard', async () => {
    const notices = new ChangeNotices(url, log);
    await notices.start();
    try {
      // Its first connection counts too: what was announced before it listened is unknown.
      assert.equal(notices.heard, 1, 'listening once started');
      assert.deepEqual(await announceChange(url), { listening: 1, answered: 1 });
      assert.equal(notices.heard, 2, 'heard before it answered');
      assert.deepEqual(await announceChange(url), { listening: 1, answered: 1 });
      assert.equal(notices.heard, 3);
    } finally {
      await notices.stop();
    }
    assert.deepEqual(await announceChange(url), { listening: 0, answered: 0 }, 'stopped, it listens no more');
  });

  it('listens again after its connection is lost, and counts that as a change', async () => {
    const notices = new ChangeNotices(url, log);
    await notices.start();
    try {
      warnings.length = 0;
      infos.length = 0;
      await terminateListeners();
      await hasHeard(notices, 2);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /not listening for changes other processes make to the database, trying again/);
      assert.deepEqual(infos, ['listening again for changes other processes make to the database']);
      // Lost again soon after: heard again, as notices may have been missed, but not warned of again.
      await terminateListeners();
      await hasHeard(notices, 3);
      assert.equal(warnings.length, 1);
      assert.equal(infos.length, 1);
      assert.deepEqual(await announceChange(url), { listening: 1, answered: 1 });
      assert.equal(notices.heard, 4);
    } finally {
      await notices.stop();
    }
  });

  it('is counted by the name it gives itself, whatever name the address gives', async () => {
    const named = new URL(url);
    named.searchParams.set('application_name', 'bendi');
    const notices = new ChangeNotices(named.href, log);
    await notices.start();
    try {
      assert.deepEqual(await announceChange(url), { listening: 1, answered: 1 });
    } finally {
      await notices.stop();
    }
  });

  it('ends its wait for answers when its own connection is lost, with an error the command reports', async () => {
    // A listener that never answers, as an instance stuck in a long task would be: the command waits for it.
    const { Client } = await import('pg');
    const mute = new Client({ connectionString: url, application_name: 'bendi change notices' });
    await mute.connect();
    try {
      await mute.query('LISTEN bendi_changes');
      const { since } = (await sql<{ since: Date }>`select now() as since`.execute(handle.db)).rows[0]!;
      const announcing = announceChange(url);
      // The command's own connection, once it has announced and waits: idle after its NOTIFY.
      const waiting = sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name = 'bendi announcing a change'
        and backend_start >= ${since} and query like 'select pg_notify(%' and state = 'idle'`;
      let pid: number | undefined;
      for (let tries = 0; pid === undefined; tries += 1) {
        if (tries > 100) assert.fail('the command did not announce');
        await sleep(20);
        pid = (await waiting.execute(handle.db)).rows[0]?.pid;
      }
      await sql`select pg_terminate_backend(${pid})`.execute(handle.db);
      await assert.rejects(announcing, /terminat/);
    } finally {
      await mute.end();
    }
  });

  it('warns once while it cannot connect, not at each try', async () => {
    const unreachable = new URL(url);
    unreachable.port = '1';
    const notices = new ChangeNotices(unreachable.href, log);
    warnings.length = 0;
    await notices.start();
    try {
      // Tries at once, after 1 s and after 2 s more.
      await sleep(3_500);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.equal(notices.heard, 0);
    } finally {
      await notices.stop();
    }
  });

  it('lets an instance start when the server takes the connection and never answers', { timeout: 20_000 }, async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = new URL(url);
    address.port = String((silent.address() as AddressInfo).port);
    const notices = new ChangeNotices(address.href, log);
    try {
      await notices.start();
      assert.equal(notices.heard, 0, 'not listening');
    } finally {
      await notices.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('is not heard on another database of the same server', async () => {
    const elsewhere = await createPostgresTestDatabase(process.env.TEST_POSTGRES_URL!);
    const notices = new ChangeNotices(url, log);
    await notices.start();
    try {
      assert.deepEqual(await announceChange(postgresUrlOf(elsewhere.db)!), { listening: 0, answered: 0 });
      assert.equal(notices.heard, 1);
    } finally {
      await notices.stop();
      await elsewhere.db.destroy();
    }
  });
});
