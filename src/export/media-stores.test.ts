// Media files come out of the store the site uses, local disk or an S3 bucket, and go back into one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { type QueryId, SelectQueryNode, sql, TableNode } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { createSqliteTestDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { describeEachStorage, solidPng, storageWith } from '../media/testing.js';
import { storedKeysOfRow, uploadImage } from '../media/index.js';
import { EXPORT_FILES, MEDIA_DIR } from './export-format.js';
import { exportSite } from './export-site.js';
import { importSiteExport, type SiteImportReport } from './import-site-export.js';

describeEachStorage('export: media files', (s) => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-export-media-')), 'export');
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  let keys: string[];

  before(async () => {
    source = await createSqliteTestDatabase();
    target = await createSqliteTestDatabase();
    for (const width of [640, 1600]) await uploadImage({ db: source.db, storage: s.storage }, { data: await solidPng(width, 400), altText: `宽 ${width}` }, new Date());
    keys = await s.storedKeys();
  });
  after(async () => {
    await source.db.destroy();
    await target.db.destroy();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('copies every stored file, originals and resized copies, byte for byte', async () => {
    const outcome = await exportSite({ db: source.db, storage: s.storage, clock: systemClock }, { dir, baseUrl: 'https://news.example' });
    assert.deepEqual(outcome.missingFiles, []);
    assert.equal(outcome.manifest.counts.mediaFiles, keys.length);
    assert.ok(keys.length > 2, 'variants are stored too');
    for (const key of keys) assert.deepEqual(fs.readFileSync(path.join(dir, MEDIA_DIR, key)), await s.storage.get(key), key);
    const wxr = fs.readFileSync(path.join(dir, 'wordpress.xml'), 'utf8');
    assert.ok(wxr.includes(`<wp:attachment_url><![CDATA[${s.storage.urlFor(keys[0]!).startsWith('/') ? 'https://news.example' : ''}`));
  });

  it('puts them back into the store on import, and names them as before', async () => {
    for (const key of keys) await s.storage.delete(key);
    const report = await importSiteExport({ db: target.db, storage: s.storage, clock: systemClock }, { dir });
    assert.deepEqual(report.notImported, []);
    assert.equal(report.counts.media, 2);
    assert.deepEqual(await s.storedKeys(), keys);
    const stored = await target.db.selectFrom('media').select(['storage_key', 'alt_text']).orderBy('id').execute();
    assert.deepEqual(stored.map((m) => m.alt_text), ['宽 640', '宽 1600']);
  });

  /** An empty site and store to import into, and the export's two images: each its files, the original first. */
  const freshImport = async () => {
    for (const key of await s.storedKeys()) await s.storage.delete(key);
    const db = (await createSqliteTestDatabase()).db;
    const images = (await source.db.selectFrom('media').selectAll().orderBy('id').execute()).map(storedKeysOfRow);
    const importing = (storage = s.storage) => importSiteExport({ db, storage, clock: systemClock }, { dir });
    return { db, images, importing };
  };

  it('writes no file of an image when one of its files is damaged, and still imports the others', async () => {
    const { db, images, importing } = await freshImport();
    const [damaged, whole] = [images[1]!, images[0]!];
    const copy = damaged.at(-1)!;
    const saved = fs.readFileSync(path.join(dir, MEDIA_DIR, copy));
    fs.writeFileSync(path.join(dir, MEDIA_DIR, copy), '<script>alert(1)</script>');
    try {
      const report = await importing();
      assert.equal(report.notImported.length, 1);
      assert.ok(report.notImported[0]!.reason.includes(copy), report.notImported[0]!.reason);
      assert.deepEqual(await s.storedKeys(), [...whole].sort(), 'nothing of the damaged image, though its original came first');
      assert.deepEqual(await db.selectFrom('media_uploads').selectAll().execute(), []);
    } finally {
      fs.writeFileSync(path.join(dir, MEDIA_DIR, copy), saved);
    }
  });

  it('refuses an image listing more resized copies than any bendi makes, before reading one', async () => {
    const { images, importing } = await freshImport();
    const records = path.join(dir, EXPORT_FILES.media);
    const saved = fs.readFileSync(records, 'utf8');
    const [first, ...rest] = saved.trimEnd().split('\n');
    const record = JSON.parse(first!);
    record.variants = Array.from({ length: 5_000 }, (_, i) => ({ ...record.variants[0], key: record.variants[0].key.replace('.webp', `-${i}.webp`) }));
    fs.writeFileSync(records, [JSON.stringify(record), ...rest].join('\n') + '\n');
    try {
      const report = await importing();
      assert.equal(report.notImported.length, 1);
      assert.ok(report.notImported[0]!.reason.includes('5000 个'), report.notImported[0]!.reason);
      assert.deepEqual(await s.storedKeys(), [...images[1]!].sort());
    } finally {
      fs.writeFileSync(records, saved);
    }
  });

  it('records the files as an upload before the first is written, so a crash before the row leaves none for good', async () => {
    const { db, images, importing } = await freshImport();
    const recordedAtPut: string[][] = [];
    const watched = storageWith(s.storage, {
      put: async (key, data, contentType) => {
        recordedAtPut.push((await db.selectFrom('media_uploads').select('storage_key').orderBy('storage_key').execute()).map((row) => row.storage_key));
        await s.storage.put(key, data, contentType);
      },
    });
    assert.deepEqual((await importing(watched)).notImported, []);
    assert.deepEqual(recordedAtPut[0], [...images[0]!].sort(), 'the first image: all its files, at its first put');
    assert.deepEqual(await db.selectFrom('media_uploads').selectAll().execute(), [], 'the record ends with the row');
  });

  it('lets two imports of one export run at once: the one that comes second takes the row the first stored, and deletes none of its files', async () => {
    const { db, images } = await freshImport();
    const file = (await sql<{ file: string }>`pragma database_list`.execute(db)).rows[0]!.file;
    const first = openDatabase({ kind: 'sqlite', file });
    // The second import looks for the first image's row and finds none; the first import then stores it, before
    // the second has read and checked the image's files.
    const mediaLookups = new Set<QueryId>();
    let firstImport: Promise<SiteImportReport> | undefined;
    const second = db.withPlugin({
      transformQuery: ({ node, queryId }) => {
        if (SelectQueryNode.is(node) && node.from?.froms.some((from) => TableNode.is(from) && from.table.identifier.name === 'media')) mediaLookups.add(queryId);
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        if (mediaLookups.has(queryId) && !firstImport) {
          firstImport = importSiteExport({ db: first.db, storage: s.storage, clock: systemClock }, { dir });
          await firstImport;
        }
        return result;
      },
    });
    try {
      const secondReport = await importSiteExport({ db: second, storage: s.storage, clock: systemClock }, { dir });
      const firstReport = await firstImport!;
      assert.deepEqual(await s.storedKeys(), images.flat().sort(), 'every file of both images is in the store');
      assert.deepEqual([firstReport.notImported, firstReport.counts.media], [[], 2]);
      assert.deepEqual(secondReport.notImported, []);
      assert.equal((await db.selectFrom('media').select('id').execute()).length, 2);
      assert.deepEqual(await db.selectFrom('media_uploads').selectAll().execute(), []);
    } finally {
      await first.db.destroy();
    }
  });

  it('refuses an image whose files a clean-up still holds, saying to import again later, and takes it then', async () => {
    const { db, images, importing } = await freshImport();
    // As an import cut off an hour ago leaves it: its files handed to the pending deletes, not yet deleted.
    await db.insertInto('pending_media_deletes').values({ storage_key: images[0]![0]!, next_attempt_at: new Date().toISOString() }).execute();
    const report = await importing();
    assert.equal(report.notImported.length, 1);
    assert.ok(report.notImported[0]!.reason.includes('稍后'), report.notImported[0]!.reason);
    assert.deepEqual(await s.storedKeys(), [...images[1]!].sort(), 'the files the clean-up would delete are not written');
    await db.deleteFrom('pending_media_deletes').execute();
    const again = await importing();
    assert.deepEqual([again.notImported, again.counts.media], [[], 1]);
    assert.deepEqual(await s.storedKeys(), keys);
  });
});
