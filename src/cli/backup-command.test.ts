// `npx bendi backup DIR` and `npx bendi restore DIR` for a site whose media is in an S3 bucket
// (a real s3rver), as an operator runs them: child processes, SQLite.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { type MediaItem, storedKeysOf, uploadImage } from '../media/index.js';
import { S3Storage } from '../media/s3-storage.js';
import { solidPng } from '../media/testing.js';
import { errorMessageFor } from '../messages/error-messages.js';
import { cleanUp } from '../test-support/clean-up.js';
import { runBendiCli } from '../test-support/cli-process.js';
import { type RunningS3Server, startS3Server } from '../test-support/s3-server.js';

describe('npx bendi backup and restore with media in an S3 bucket', () => {
  let root: string;
  let s3: RunningS3Server;
  let storage: S3Storage;
  let item: MediaItem;
  const site = (name: string) => ({ DATA_DIR: path.join(root, name), DATABASE_URL: '' });
  const bucketSite = () => ({ ...site('bucket'), ...s3.env });

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-backup-'));
    s3 = await startS3Server();
    storage = new S3Storage(s3.config);
    assert.equal((await runBendiCli(bucketSite(), ['migrate'])).status, 0);
    const handle = openDatabase(loadConfig(bucketSite()).database);
    try {
      item = await uploadImage({ db: handle.db, storage }, { data: await solidPng(500, 300), altText: '青溪大桥' }, new Date());
    } finally {
      await handle.db.destroy();
    }
  });
  after(() =>
    cleanUp(
      () => storage?.close(),
      () => s3?.stop(),
      () => fs.rmSync(root, { recursive: true, force: true }),
    ),
  );

  it('backs up the bucket media with a progress line, and restores it onto local disk byte for byte', async () => {
    const dir = path.join(root, 'backup');
    const backedUp = await runBendiCli(bucketSite(), ['backup', dir]);
    assert.equal(backedUp.status, 0, backedUp.stderr);
    assert.match(backedUp.stdout, /^backed up the sqlite database \(schema \w+\) and 3 media files to /);
    assert.match(backedUp.stderr, /bendi: media files 3\/3/);

    const restored = await runBendiCli(site('local'), ['restore', dir]);
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /^restored the sqlite database of .* and 3 media files from /);
    for (const key of storedKeysOf(item)) {
      assert.ok(fs.readFileSync(path.join(root, 'local', 'media', key)).equals((await storage.get(key))!), key);
    }
  });

  it('stops at a file the bucket lacks, in Chinese and naming it, exits 1 and leaves no backup', async () => {
    await storage.delete(item.storageKey);
    const dir = path.join(root, 'broken');
    const result = await runBendiCli(bucketSite(), ['backup', dir]);
    assert.equal(result.status, 1);
    assert.ok(result.stderr.endsWith(`bendi: ${errorMessageFor('backup.media_missing', { key: item.storageKey })}\n`), result.stderr);
    assert.doesNotMatch(result.stdout, /backed up/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
