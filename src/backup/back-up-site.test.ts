// Backups of a site whose media lives in an S3-compatible bucket (a real s3rver): the backup holds
// every file the database snapshot refers to, and restores byte for byte into an empty database
// with an empty second bucket, or onto local disk, and back. A file the store lacks stops it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DatabaseConfig } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { AppError } from '../lib/errors.js';
import { type MediaItem, type MediaStorage, storedKeysOf, storedKeysOfRow, uploadImage } from '../media/index.js';
import { S3Storage } from '../media/s3-storage.js';
import { solidPng, temporaryStorage, unreachableS3Storage } from '../media/testing.js';
import { type RunningS3Server, startS3Server } from '../test-support/s3-server.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { backUpSite, restoreSite } from './index.js';
import { scratchPlaces } from './testing.js';

const skip = { sqlite: false, postgres: missingEnv('TEST_POSTGRES_URL') } as const;
const noProgress = () => {};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`backUpSite and restoreSite with media in a bucket [${kind}]`, { skip: skip[kind] }, () => {
    const { onCleanUp, temporaryDir, emptyDatabase, cleanUp } = scratchPlaces(kind);

    async function bucket(): Promise<{ server: RunningS3Server; storage: S3Storage }> {
      const server = await startS3Server();
      const storage = new S3Storage(server.config);
      onCleanUp(() => server.stop(), () => storage.close());
      return { server, storage };
    }

    const backUp = async (database: DatabaseConfig, storage: MediaStorage) => {
      const dir = path.join(temporaryDir('backup'), 'snapshot');
      return { dir, manifest: await backUpSite({ database, storage, dir, bendiVersion: 'test' }, noProgress) };
    };

    /** Every stored key of the site's media rows, read back through Kysely as the site reads them. */
    async function mediaKeysIn(database: DatabaseConfig): Promise<string[]> {
      const handle = openDatabase(database);
      try {
        const rows = await handle.db.selectFrom('media').select(['storage_key', 'variants']).execute();
        return rows.flatMap(storedKeysOfRow).sort();
      } finally {
        await handle.db.destroy();
      }
    }

    /** Each key reads back the same bytes and content type from `restored` as from the source bucket. */
    async function assertSameFiles(restored: MediaStorage, keys: string[]): Promise<void> {
      for (const key of keys) {
        const [original, copy] = await Promise.all([source.storage.get(key), restored.get(key)]);
        assert.ok(original && copy, key);
        assert.ok(original.equals(copy), `${key} is byte-identical`);
        const [uploaded, restoredFile] = await Promise.all([source.storage.open(key), restored.open(key)]);
        uploaded!.body.destroy();
        restoredFile!.body.destroy();
        assert.equal(restoredFile!.contentType, uploaded!.contentType, key);
      }
    }

    let source: { database: DatabaseConfig; storage: S3Storage };
    let items: MediaItem[];
    let keys: string[];

    before(async () => {
      const database = await emptyDatabase();
      const { storage } = await bucket();
      const handle = openDatabase(database);
      try {
        await migrateToLatest(handle);
        const now = new Date('2026-12-02T03:00:00Z');
        items = [];
        for (const [i, colour] of ['#b3261e', '#1e6bb3', '#2e8b57'].entries()) {
          items.push(await uploadImage({ db: handle.db, storage }, { data: await solidPng(600 + i * 10, 400, colour), altText: `图 ${i}` }, now));
        }
      } finally {
        await handle.db.destroy();
      }
      source = { database, storage };
      keys = items.flatMap(storedKeysOf).sort();
    });
    after(cleanUp);

    it('copies every original and variant the snapshot refers to, in the layout of a local backup', async () => {
      assert.ok(items.every((item) => item.variants.length === 2), 'each image has its srcset variants');
      const { dir, manifest } = await backUp(source.database, source.storage);
      assert.equal(manifest.mediaStorage, 's3');
      assert.equal(manifest.counts.mediaFiles, keys.length);
      assert.deepEqual(
        Object.keys(manifest.checksums).filter((f) => f.startsWith('media/')),
        keys.map((key) => `media/${key}`),
      );
      for (const key of keys) assert.ok(fs.readFileSync(path.join(dir, 'media', key)).equals((await source.storage.get(key))!), key);
    });

    it('restores into an empty database and an empty second bucket, byte for byte', async () => {
      const { dir } = await backUp(source.database, source.storage);
      const target = { database: await emptyDatabase(), storage: (await bucket()).storage };
      const manifest = await restoreSite({ dir, ...target }, noProgress);
      assert.equal(manifest.counts.mediaFiles, keys.length);
      assert.deepEqual(await mediaKeysIn(target.database), keys);
      await assertSameFiles(target.storage, keys);
    });

    it('restores a bucket backup onto local disk, and that site backs up into a bucket again', async () => {
      const { dir } = await backUp(source.database, source.storage);
      const local = temporaryStorage();
      onCleanUp(() => local.remove());
      const onDisk = await emptyDatabase();
      await restoreSite({ dir, database: onDisk, storage: local }, noProgress);
      await assertSameFiles(local, keys);

      const again = await backUp(onDisk, local);
      assert.equal(again.manifest.mediaStorage, 'local');
      const target = { database: await emptyDatabase(), storage: (await bucket()).storage };
      await restoreSite({ dir: again.dir, ...target }, noProgress);
      assert.deepEqual(await mediaKeysIn(target.database), keys);
      await assertSameFiles(target.storage, keys);
    });

    it('names the store when it cannot be reached, and leaves no backup behind', async () => {
      const storage = await unreachableS3Storage();
      onCleanUp(() => storage.close());
      const dir = path.join(temporaryDir('backup'), 'snapshot');
      await assert.rejects(backUpSite({ database: source.database, storage, dir, bendiVersion: 'test' }, noProgress), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.deepEqual([error.kind, error.code], ['Unavailable', 'backup.media_store_unavailable']);
        assert.ok(keys.includes(error.details?.key as string), 'the message names the file it stopped at');
        return true;
      });
      assert.deepEqual(fs.readdirSync(dir), []);
    });

    it('stops at an object the bucket lacks, naming its key, and leaves the directory empty', async () => {
      const lost = items[1]!.variants[0]!.key;
      await source.storage.delete(lost);
      const dir = path.join(temporaryDir('backup'), 'snapshot');
      await assert.rejects(backUpSite({ database: source.database, storage: source.storage, dir, bendiVersion: 'test' }, noProgress), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.deepEqual([error.kind, error.code, error.details], ['NotFound', 'backup.media_missing', { key: lost }]);
        return true;
      });
      assert.deepEqual(fs.readdirSync(dir), [], 'no half-written backup, and the directory can be used again');
    });
  });
}
