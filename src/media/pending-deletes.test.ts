import assert from 'node:assert/strict';
import { after, beforeEach, it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { AppError, unavailable } from '../lib/errors.js';
import { buildStaff } from '../test-support/factories.js';
import { deleteMedia } from './delete-media.js';
import { storedKeysOf } from './media.js';
import { getMediaItem } from './media-repo.js';
import { BATCHES_PER_ROUND, PendingDeleteWorker } from './pending-delete-worker.js';
import { PENDING_DELETE_RETRY_MS, recordPendingDeletes } from './pending-deletes.js';
import type { MediaStorage } from './storage.js';
import { describeEachStorage, solidPng, storageWith, temporaryStorage, unreachableS3Storage } from './testing.js';
import { insertStoredImage, storeImageFiles, uploadImage } from './upload-image.js';
import { claimChosenKeys, UPLOAD_LEASE_MS, UPLOAD_UNDER_WAY_MS } from './uploads-in-progress.js';

const quiet = { warn: () => undefined };
const storeDown = () => unavailable('media.storage_unavailable', new Error('ECONNREFUSED'));

describeEachDatabase('deleting an image while storage is unreachable', (t) => describeEachStorage('', (s) => {
  const upload = async () => {
    const reviewer = await buildStaff(t.db, 'reviewer');
    const actor = { id: reviewer.id, name: reviewer.username, ip: null, ipRegion: null };
    const item = await uploadImage({ db: t.db, storage: s.storage }, { data: await solidPng(1200, 600), altText: '当事人要求删除的照片', actor }, new Date());
    return { item, remove: (storage: MediaStorage) => deleteMedia({ db: t.db, storage }, { mediaId: item.id, actor, mayDeleteOthers: true }, new Date()) };
  };
  const pending = async () => (await t.db.selectFrom('pending_media_deletes').select('storage_key').orderBy('storage_key').execute()).map((row) => row.storage_key);
  /** A worker whose clock runs `ahead` of real time, on the test's working storage unless told. */
  const worker = (ahead = 0, storage = s.storage, batchSize?: number) =>
    new PendingDeleteWorker({ db: t.db, storage, clock: () => new Date(Date.now() + ahead), log: quiet }, { batchSize });

  it('deletes the row, keeps the files recorded and says so, and the retry removes them once storage is back', async () => {
    const { item, remove } = await upload();
    const keys = storedKeysOf(item);
    const down = await unreachableS3Storage();
    try {
      assert.deepEqual(await remove(down), { filesPending: true });
    } finally {
      down.close();
    }
    await assert.rejects(getMediaItem(t.db, item.id), (e: unknown) => e instanceof AppError && e.code === 'media.not_found');
    assert.deepEqual(await pending(), [...keys].sort());
    assert.deepEqual(await s.storedKeys(), [...keys].sort(), 'the files are still there');

    assert.equal(await worker().run(), 0, 'the deleting request holds its claim for a while');
    assert.equal(await worker(PENDING_DELETE_RETRY_MS + 1000).run(), keys.length);
    assert.deepEqual(await s.storedKeys(), []);
    assert.deepEqual(await pending(), []);
  });

  it('forgets each file storage deleted and keeps only the ones it refused', async () => {
    const { item, remove } = await upload();
    const refused = item.variants[0]!.key;
    const partly = storageWith(s.storage, {
      delete: async (key) => {
        if (key === refused) throw storeDown();
        await s.storage.delete(key);
      },
    });
    assert.deepEqual(await remove(partly), { filesPending: true });
    assert.deepEqual(await pending(), [refused]);
    assert.deepEqual(await s.storedKeys(), [refused]);
    await worker(PENDING_DELETE_RETRY_MS + 1000).run();
    assert.deepEqual(await s.storedKeys(), []);
  });

  it('records nothing when storage deletes the files at once', async () => {
    const { remove } = await upload();
    assert.deepEqual(await remove(s.storage), { filesPending: false });
    assert.deepEqual(await pending(), []);
    assert.deepEqual(await s.storedKeys(), []);
  });
}));

describeEachDatabase('PendingDeleteWorker', (t) => {
  const disk = temporaryStorage();
  after(() => disk.remove());
  let deleted: string[] = [];
  let down = false;
  const storage = storageWith(disk, {
    delete: async (key) => {
      if (down) throw storeDown();
      deleted.push(key);
      await disk.delete(key);
    },
  });
  const worker = (batchSize: number) => new PendingDeleteWorker({ db: t.db, storage, clock: () => new Date(), log: quiet }, { batchSize });
  /** Keys recorded long enough ago that their first claim has run out. */
  const recordDue = async (count: number) => {
    const keys = Array.from({ length: count }, (_, i) => `2026/05/${String(i).padStart(16, '0')}-480.webp`);
    await recordPendingDeletes(t.db, keys, new Date(Date.now() - 2 * PENDING_DELETE_RETRY_MS));
    return keys;
  };
  beforeEach(async () => {
    deleted = [];
    down = false;
    await t.db.deleteFrom('pending_media_deletes').execute();
  });

  it('never deletes one file twice when two instances retry at once', async () => {
    const keys = await recordDue(24);
    await Promise.all([worker(3).run(), worker(3).run()]);
    assert.deepEqual(deleted.sort(), keys);
  });

  it('does at most its batches in a round, and leaves the rest for the next', async () => {
    await recordDue(BATCHES_PER_ROUND + 2);
    assert.equal(await worker(1).run(), BATCHES_PER_ROUND);
    assert.equal(await worker(1).run(), 2);
  });

  it('stops a round at the first batch storage refuses, instead of failing every file one by one', async () => {
    await recordDue(6);
    down = true;
    assert.equal(await worker(2).run(), 0);
    const due = await t.db.selectFrom('pending_media_deletes').select('storage_key').where('next_attempt_at', '<=', new Date().toISOString()).execute();
    assert.equal(due.length, 4);
  });
});

describeEachDatabase('the files of an upload a crash cut off', (t) => describeEachStorage('', (s) => {
  const uploads = async () => (await t.db.selectFrom('media_uploads').select('storage_key').orderBy('storage_key').execute()).map((row) => row.storage_key);
  const worker = (ahead: number) => new PendingDeleteWorker({ db: t.db, storage: s.storage, clock: () => new Date(Date.now() + ahead), log: quiet });
  /** What a crash between the files and the row leaves: the files written, and no row. */
  beforeEach(async () => {
    // What an earlier test left to expire or delete is not this test's.
    await t.db.deleteFrom('media_uploads').execute();
    await t.db.deleteFrom('pending_media_deletes').execute();
  });
  const cutOff = async (storage = s.storage) => storeImageFiles({ db: t.db, storage }, { data: await solidPng(1200, 600), altText: '上传到一半' }, new Date());

  it('are recorded before the first is written, and deleted once the upload is an hour old', async () => {
    const recordedAtFirstPut: string[][] = [];
    const watched = storageWith(s.storage, {
      put: async (key, data, contentType) => {
        if (recordedAtFirstPut.length === 0) recordedAtFirstPut.push(await uploads());
        await s.storage.put(key, data, contentType);
      },
    });
    const stored = await cutOff(watched);
    const keys = storedKeysOf(stored).sort();
    assert.deepEqual(recordedAtFirstPut, [keys], 'every file recorded before the first put');
    assert.deepEqual(await uploads(), keys);
    assert.deepEqual(await s.storedKeys(), keys);

    assert.equal(await worker(UPLOAD_LEASE_MS - 60_000).run(), 0, 'an upload may still be under way');
    assert.deepEqual(await s.storedKeys(), keys);
    await worker(UPLOAD_LEASE_MS + 1000).run();
    assert.deepEqual(await uploads(), [], 'handed to the pending deletes');
    assert.equal(await worker(UPLOAD_LEASE_MS + PENDING_DELETE_RETRY_MS + 2000).run(), keys.length);
    assert.deepEqual(await s.storedKeys(), []);
    assert.deepEqual(await t.db.selectFrom('pending_media_deletes').selectAll().execute(), []);
  });

  it('are held from the upload until the files are gone, for an import claiming chosen keys, which records nothing meanwhile', async () => {
    const keys = storedKeysOf(await cutOff()) as [string, ...string[]];
    const claim = (ahead = UPLOAD_UNDER_WAY_MS + 1000) => claimChosenKeys(t.db, [...keys], new Date(Date.now() + ahead));
    const uploadsBefore = await uploads();
    assert.deepEqual(await claim(0), { outcome: 'writing', key: keys[0] }, 'an upload under way');
    assert.deepEqual(await claim(), { outcome: 'held', key: keys[0] }, 'an upload cut off');
    assert.deepEqual(await uploads(), uploadsBefore);
    await worker(UPLOAD_LEASE_MS + 1000).run();
    assert.deepEqual(await claim(), { outcome: 'held', key: keys[0] }, 'handed to the pending deletes');
    assert.deepEqual(await uploads(), [], 'a refused claim records nothing');
    await worker(UPLOAD_LEASE_MS + PENDING_DELETE_RETRY_MS + 2000).run();
    assert.deepEqual(await claim(), { outcome: 'claimed' }, 'deleted');
    assert.deepEqual(await uploads(), [...keys].sort());
  });

  it('are never written by an import claiming the keys of an image whose row is in: it is given the row', async () => {
    const item = await uploadImage({ db: t.db, storage: s.storage }, { data: await solidPng(1200, 600), altText: '另一次导入写好了' }, new Date());
    const keys = storedKeysOf(item) as [string, ...string[]];
    assert.deepEqual(await claimChosenKeys(t.db, keys, new Date()), { outcome: 'stored', mediaId: item.id });
    assert.deepEqual(await uploads(), []);
    await t.db.deleteFrom('media').where('id', '=', item.id).execute();
    for (const key of keys) await s.storage.delete(key);
  });

  it('go to one of two imports claiming them at once, and the other is told they are being written', async () => {
    const keys: [string, ...string[]] = ['2026/12/claimed-by-two.png', '2026/12/claimed-by-two-640.webp'];
    const claims = await Promise.all([claimChosenKeys(t.db, keys, new Date()), claimChosenKeys(t.db, keys, new Date())]);
    assert.deepEqual(claims.map((c) => c.outcome).sort(), ['claimed', 'writing']);
    assert.deepEqual(await uploads(), [...keys].sort());
  });

  it('are never deleted once the upload has its row, however late the worker comes', async () => {
    const item = await uploadImage({ db: t.db, storage: s.storage }, { data: await solidPng(1200, 600), altText: '上传完成' }, new Date());
    assert.deepEqual(await uploads(), []);
    await worker(10 * UPLOAD_LEASE_MS).run();
    assert.deepEqual(await s.storedKeys(), storedKeysOf(item).sort());
    assert.ok(await getMediaItem(t.db, item.id));
  });

  it('refuses a row for an upload that outlived its lease, whose files may be gone already', async () => {
    const stored = await cutOff();
    await worker(UPLOAD_LEASE_MS + 1000).run();
    const late = t.db.transaction().execute((trx) => insertStoredImage(trx, stored, new Date()));
    await assert.rejects(late, (e: unknown) => e instanceof AppError && e.code === 'media.storage_unavailable');
    assert.equal((await t.db.selectFrom('media').select('id').where('storage_key', '=', stored.storageKey).execute()).length, 0);
  });
}));
