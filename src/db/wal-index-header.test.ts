// The wal-index header as a test for "nothing committed since": it must change with every commit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { WalIndexHeader } from './wal-index-header.js';

describe('WalIndexHeader', () => {
  let dir: string;
  let file: string;
  let here: SqliteDatabase.Database;
  let header: WalIndexHeader;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-wal-index-'));
    file = path.join(dir, 'site.sqlite');
    here = new SqliteDatabase(file);
    here.pragma('journal_mode = WAL');
    here.exec('create table t (n integer)');
    header = WalIndexHeader.of(here)!;
  });
  after(() => {
    here.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the header and takes it as seen: whether it had changed since the last look. */
  const look = () => {
    const changed = header.changed();
    header.accept();
    return changed;
  };

  it('has changed at the first look, then not while nobody commits', () => {
    assert.equal(look(), true);
    here.prepare('select count(*) from t').get();
    assert.equal(look(), false, 'a read commits nothing');
    assert.equal(look(), false);
  });

  it("changes with this connection's commits and another's, each time", () => {
    look();
    here.prepare('insert into t values (1)').run();
    assert.equal(look(), true);
    assert.equal(look(), false);
    const elsewhere = new SqliteDatabase(file);
    try {
      for (const n of [2, 3]) {
        elsewhere.prepare('insert into t values (?)').run(n);
        assert.equal(look(), true, `commit ${n} from another connection`);
      }
    } finally {
      elsewhere.close();
    }
  });

  it('keeps telling of a change until it is accepted', () => {
    look();
    here.prepare('insert into t values (4)').run();
    assert.equal(header.changed(), true);
    assert.equal(header.changed(), true);
    header.accept();
    assert.equal(header.changed(), false);
  });

  it('is not there for a database with no wal-index: in memory, or not in WAL mode', () => {
    const inMemory = new SqliteDatabase(':memory:');
    const rollbackJournal = new SqliteDatabase(path.join(dir, 'journal.sqlite'));
    try {
      assert.equal(WalIndexHeader.of(inMemory), undefined);
      assert.equal(WalIndexHeader.of(rollbackJournal), undefined);
    } finally {
      inMemory.close();
      rollbackJournal.close();
    }
  });

  it('is found beside the file a link points to, where SQLite puts it', () => {
    const link = path.join(dir, 'link.sqlite');
    fs.symlinkSync(file, link);
    // A stale wal-index beside the link, which SQLite never uses.
    fs.writeFileSync(`${link}-shm`, Buffer.alloc(32_768));
    const throughLink = new SqliteDatabase(link);
    try {
      const linked = WalIndexHeader.of(throughLink)!;
      linked.changed();
      linked.accept();
      here.prepare('insert into t values (5)').run();
      assert.equal(linked.changed(), true);
    } finally {
      throughLink.close();
    }
  });
});
