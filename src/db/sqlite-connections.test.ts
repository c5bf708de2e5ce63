// SQLite's two connections: reads outside a transaction never wait for one, writes take turns.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase, otherProcessesCommits } from './database.js';
import { createSqliteTestDatabase } from './testing.js';

/** Longer than any read of one row takes, far shorter than the transaction is held open. */
const PROMPT_MS = 2_000;

describe('SQLite connections', () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await createSqliteTestDatabase();
  });
  after(() => handle.db.destroy());

  const setProbe = (value: string) => handle.db.updateTable('settings').set({ value }).where('key', '=', 'probe').execute();
  const probe = async () => (await handle.db.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirstOrThrow()).value;
  /** A transaction that has written `value` and stays open until `commit` is called. */
  const openTransaction = async (value: string) => {
    let commit!: () => void;
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const committed = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value }).where('key', '=', 'probe').execute();
      assert.equal((await trx.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirstOrThrow()).value, value, 'it reads its own write');
      written();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await wrote;
    return { commit, committed };
  };

  const databaseFile = async () => (await sql<{ file: string }>`pragma database_list`.execute(handle.db)).rows[0]!.file;
  /** Writes `value` as another process on the same file would, as `npx bendi import` does: with connections of its own. */
  const setProbeElsewhere = async (value: string) => {
    const elsewhere = openDatabase({ kind: 'sqlite', file: await databaseFile() });
    try {
      await elsewhere.db.updateTable('settings').set({ value }).where('key', '=', 'probe').execute();
    } finally {
      await elsewhere.db.destroy();
    }
  };

  before(async () => {
    await handle.db.insertInto('settings').values({ key: 'probe', value: 'committed', updated_at: new Date().toISOString() }).execute();
  });

  it('answers a read while a transaction is open, with what was committed before it', async () => {
    const open = await openTransaction('uncommitted');
    try {
      const read = await Promise.race([probe(), sleep(PROMPT_MS, 'still waiting for the transaction')]);
      assert.equal(read, 'committed');
      // Written as SQL, as search's full-text queries are.
      const written = sql<{ value: string }>`select value from settings where key = 'probe'`.execute(handle.db).then((result) => result.rows[0]?.value);
      assert.equal(await Promise.race([written, sleep(PROMPT_MS, 'still waiting for the transaction')]), 'committed');
    } finally {
      open.commit();
      await open.committed;
    }
    assert.equal(await probe(), 'uncommitted', 'and the commit once it is made');
    await setProbe('committed');
  });

  it('makes a write wait for the open transaction, then runs it after', async () => {
    const open = await openTransaction('first');
    let written = 0;
    const write = setProbe('second').then(() => (written += 1));
    // SQL that reads and writes: SQLite does not call it read-only.
    const writtenAsSql = sql`with next as (select 'second' as value) update settings set value = (select value from next) where key = 'probe'`.execute(handle.db).then(() => (written += 1));
    await sleep(100);
    assert.equal(written, 0, 'the writes wait their turn');
    open.commit();
    await Promise.all([open.committed, write, writtenAsSql]);
    assert.equal(written, 2);
    assert.equal(await probe(), 'second');
  });

  it('streams a select on the writer, then gives it on', async () => {
    const streamed: string[] = [];
    for await (const row of handle.db.selectFrom('settings').select('key').where('key', '=', 'probe').stream()) streamed.push(row.key);
    assert.deepEqual(streamed, ['probe']);
    await setProbe('second');
  });

  it("tells of another process's commits to the file, and of none of its own", async () => {
    const commits = otherProcessesCommits(handle.db)!;
    const before = commits();
    await setProbe('written here');
    await handle.db.transaction().execute((trx) => trx.updateTable('settings').set({ value: 'written here, in a transaction' }).where('key', '=', 'probe').execute());
    assert.equal(await probe(), 'written here, in a transaction');
    assert.equal(commits(), before, "this process's own commits, which it knows of, are not counted");
    await setProbeElsewhere('written elsewhere');
    assert.notEqual(commits(), before);
    assert.equal(await probe(), 'written elsewhere');
    await setProbe('second');
  });

  it("reads no other process's commits inside this one's open transaction, whose write must not fail for it", async () => {
    const commits = otherProcessesCommits(handle.db)!;
    // Opened first: finding the file is a pragma, which would wait for the transaction's writer.
    const elsewhere = openDatabase({ kind: 'sqlite', file: await databaseFile() });
    try {
      let begun!: () => void;
      let goOn!: () => void;
      const inside = new Promise<void>((resolve) => (begun = resolve));
      const gate = new Promise<void>((resolve) => (goOn = resolve));
      const written = handle.db.transaction().execute(async (trx) => {
        begun();
        await gate;
        await trx.updateTable('settings').set({ value: 'written in the transaction' }).where('key', '=', 'probe').execute();
      });
      await inside;
      // A page request's look at the generation, between the transaction's BEGIN and its first statement:
      // read there, the pragma would fix the transaction's snapshot before the other process commits.
      const before = commits();
      await elsewhere.db.updateTable('settings').set({ value: 'written elsewhere' }).where('key', '=', 'probe').execute();
      goOn();
      await written;
      assert.equal(await probe(), 'written in the transaction');
      assert.notEqual(commits(), before, 'read again once the transaction has ended');
    } finally {
      await elsewhere.db.destroy();
    }
    await setProbe('second');
  });

  it("looks for other processes' commits in the wal-index header of a file it made itself", async () => {
    // SQLite opens the -shm file read and write; the header is read through a descriptor of its own, read-only.
    assert.equal(readOnlyDescriptorsOf(`${await databaseFile()}-shm`), 1);
  });

  it('keeps its locks on the wal-index when another handle on the file closes', async () => {
    const shm = `${await databaseFile()}-shm`;
    await probe();
    const held = locksOn(shm);
    assert.ok(held > 0, 'SQLite holds a lock on the wal-index while it has the file open');
    // Closing any descriptor of a file drops all of the process's POSIX locks on it: the other handle must close none of the -shm's.
    await setProbeElsewhere('written by a handle that closes');
    assert.equal(locksOn(shm), held);
  });

  it("tells after a transaction that writes nothing of another process's commit that came before it", async () => {
    const commits = otherProcessesCommits(handle.db)!;
    const before = commits();
    await setProbeElsewhere('written elsewhere, before');
    await handle.db.transaction().execute(async (trx) => {
      await trx.selectFrom('settings').select('value').where('key', '=', 'probe').execute();
      assert.equal(commits(), before, 'not read inside the transaction');
    });
    // The transaction committed nothing: only the other process changed the file since the last reading.
    assert.notEqual(commits(), before);
    await setProbe('second');
  });

  it('gives the writer on when a transaction rolls back', async () => {
    const failing = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value: 'rolled back' }).where('key', '=', 'probe').execute();
      throw new Error('refused');
    });
    await assert.rejects(failing, /refused/);
    assert.equal(await probe(), 'second');
    await setProbe('third');
    assert.equal(await probe(), 'third');
  });
});

/** How many of this process's open files are `file` opened read-only (Linux's /proc). */
function readOnlyDescriptorsOf(file: string): number {
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) !== file) return false;
      const flags = Number.parseInt(/^flags:\s+(\d+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!, 8);
      // The access mode is the flags' two lowest bits (O_ACCMODE, which Node does not export).
      return (flags & 0o3) === fs.constants.O_RDONLY;
    } catch {
      return false; // closed meanwhile: the descriptor readdir itself used
    }
  }).length;
}

/** How many POSIX locks this process holds on `file` (Linux's /proc/locks: pid, then device:inode). */
function locksOn(file: string): number {
  const inode = `:${fs.statSync(file).ino}`;
  return fs
    .readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[1] === 'POSIX' && fields[4] === String(process.pid) && fields[5]?.endsWith(inode);
    }).length;
}
