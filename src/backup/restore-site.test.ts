// restoreSite into a media folder on local disk, when the first try does not get through: every
// check comes before the first write, so a restore refused for want of pg_restore leaves nothing
// behind; one whose database refused the load after the media was copied runs again as it is; a
// folder with any other file is still refused. Real SQLite files, the real PostgreSQL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { AppError } from '../lib/errors.js';
import { type LocalDiskStorage, storedKeysOf, storedKeysOfRow, uploadImage } from '../media/index.js';
import { solidPng, temporaryStorage } from '../media/testing.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { backUpSite, restoreSite } from './index.js';
import { scratchPlaces } from './testing.js';

const skip = { sqlite: false, postgres: missingEnv('TEST_POSTGRES_URL') } as const;
const noProgress = () => {};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`restoreSite run again after it did not get through [${kind}]`, { skip: skip[kind] }, () => {
    const { onCleanUp, temporaryDir, emptyDatabase, cleanUp } = scratchPlaces(kind);
    /** The backed-up site's media folder: what a restored one must hold, byte for byte. */
    let sourceMedia: LocalDiskStorage;
    let keys: string[];
    let backupDir: string;

    const emptyFolder = () => {
      const storage = temporaryStorage();
      onCleanUp(() => storage.remove());
      return storage;
    };

    /** Nothing was loaded into it: no SQLite file at all, or a PostgreSQL database without tables. */
    async function isStillEmpty(database: DatabaseConfig): Promise<boolean> {
      if (database.kind === 'sqlite') return !fs.existsSync(database.file);
      const handle = openDatabase(database);
      try {
        return (await handle.db.introspection.getTables()).length === 0;
      } finally {
        await handle.db.destroy();
      }
    }

    /** Every file in the media folder by its path there, sorted, temporary ones too: all that a restore wrote. */
    const filesIn = (storage: LocalDiskStorage) =>
      fs
        .readdirSync(storage.root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(storage.root, path.join(entry.parentPath, entry.name)))
        .sort();

    /**
     * An empty database that refuses to be loaded until allow(), as a target
     * can once every check has passed: PostgreSQL turns down every CREATE (an
     * event trigger, not a table), and a SQLite file cannot be put where a
     * plain file stands in for its folder.
     */
    async function refusingDatabase(): Promise<{ database: DatabaseConfig; allow(): Promise<void> }> {
      if (kind === 'sqlite') {
        const folder = path.join(temporaryDir('db'), 'data');
        fs.writeFileSync(folder, '');
        return { database: { kind, file: path.join(folder, 'bendi.sqlite') }, allow: async () => fs.rmSync(folder) };
      }
      const database = await emptyDatabase();
      const run = async (statements: string[]) => {
        const handle = openDatabase(database);
        try {
          for (const statement of statements) await sql.raw(statement).execute(handle.db);
        } finally {
          await handle.db.destroy();
        }
      };
      await run([
        `create function refuse_ddl() returns event_trigger language plpgsql as $$ begin raise exception '目标数据库拒绝建表'; end $$`,
        'create event trigger refuse_ddl on ddl_command_start execute function refuse_ddl()',
      ]);
      return { database, allow: () => run(['drop event trigger refuse_ddl', 'drop function refuse_ddl()']) };
    }

    /** The target holds the backed-up site: its media rows, and each of their files byte for byte, nothing else. */
    async function assertRestored(database: DatabaseConfig, storage: LocalDiskStorage): Promise<void> {
      const handle = openDatabase(database);
      try {
        const rows = await handle.db.selectFrom('media').select(['storage_key', 'variants']).execute();
        assert.deepEqual(rows.flatMap(storedKeysOfRow).sort(), keys);
      } finally {
        await handle.db.destroy();
      }
      assert.deepEqual(filesIn(storage), keys);
      for (const key of keys) assert.ok((await storage.get(key))!.equals((await sourceMedia.get(key))!), key);
    }

    before(async () => {
      const database = await emptyDatabase();
      sourceMedia = emptyFolder();
      const handle = openDatabase(database);
      try {
        await migrateToLatest(handle);
        const now = new Date('2026-12-02T03:00:00Z');
        keys = [];
        for (const colour of ['#b3261e', '#1e6bb3']) {
          const item = await uploadImage({ db: handle.db, storage: sourceMedia }, { data: await solidPng(640, 400, colour), altText: '青溪大桥' }, now);
          keys.push(...storedKeysOf(item));
        }
        keys.sort();
      } finally {
        await handle.db.destroy();
      }
      backupDir = path.join(temporaryDir('backup'), 'snapshot');
      await backUpSite({ database, storage: sourceMedia, dir: backupDir, bendiVersion: 'test' }, noProgress);
    });
    after(cleanUp);

    it('runs again as it is after the database refused the load with the media copied, and restores', async () => {
      const { database, allow } = await refusingDatabase();
      const storage = emptyFolder();
      await assert.rejects(restoreSite({ dir: backupDir, database, storage }, noProgress));
      assert.deepEqual(filesIn(storage), keys, 'the media was copied before the database step');
      assert.ok(await isStillEmpty(database));

      await allow();
      await restoreSite({ dir: backupDir, database, storage }, noProgress);
      await assertRestored(database, storage);
    });

    it('still refuses a folder with a file the backup lacks, or one of its files changed, naming it and writing nothing', async () => {
      const ownKey = keys[0]!;
      const ownFile = (await sourceMedia.get(ownKey))!;
      for (const [key, data] of [['2026/12/0123456789abcdef.webp', ownFile], [ownKey, Buffer.from('不是这张图')]] as const) {
        const database = await emptyDatabase();
        const storage = emptyFolder();
        await storage.put(key, data);
        await assert.rejects(restoreSite({ dir: backupDir, database, storage }, noProgress), (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.deepEqual([error.kind, error.code, error.details], ['Conflict', 'backup.media_not_empty', { key }]);
          return true;
        });
        assert.deepEqual(filesIn(storage), [key]);
        assert.ok(await isStillEmpty(database));
      }
    });

    if (kind === 'postgres') {
      it('without pg_restore on PATH refuses before writing anything, and restores once it is there', async () => {
        const target = { database: await emptyDatabase(), storage: emptyFolder() };
        const searchPath = process.env.PATH;
        process.env.PATH = temporaryDir('no-tools');
        try {
          await assert.rejects(restoreSite({ dir: backupDir, ...target }, noProgress), (error: unknown) => {
            assert.ok(error instanceof AppError);
            assert.deepEqual([error.code, error.details], ['backup.pg_tools_missing', { tool: 'pg_restore' }]);
            return true;
          });
        } finally {
          process.env.PATH = searchPath;
        }
        assert.deepEqual(filesIn(target.storage), [], 'no media file was written');
        assert.ok(await isStillEmpty(target.database), 'nor was the database loaded');

        await restoreSite({ dir: backupDir, ...target }, noProgress);
        await assertRestored(target.database, target.storage);
      });
    }
  });
}
