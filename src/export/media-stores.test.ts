// Media files come out of the store the site uses, local disk or an S3 bucket, and go back into one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { DatabaseHandle } from '../db/database.js';
import { createSqliteTestDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { describeEachStorage, solidPng } from '../media/testing.js';
import { uploadImage } from '../media/index.js';
import { MEDIA_DIR } from './export-format.js';
import { exportSite } from './export-site.js';
import { importSiteExport } from './import-site-export.js';

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
});
