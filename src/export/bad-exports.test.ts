// Exports that cannot be written, and exports damaged or edited by hand: each gets a clear message, and a
// damaged record is reported with its file and line while the rest comes in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createArticle, insertCategory } from '../content/index.js';
import { createTestDatabase, describeEachDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { temporaryStorage } from '../media/testing.js';
import { errorMessageFor } from '../messages/error-messages.js';
import { EXPORT_FILES, MANIFEST_FILE } from './export-format.js';
import { exportSite } from './export-site.js';
import { importSiteExport } from './import-site-export.js';
import { exportFiles } from './testing.js';

const refusal = async (promise: Promise<unknown>, code: string): Promise<string> => {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code);
  return errorMessageFor(error.code, error.details);
};

describeEachDatabase('export: bad directories and damaged exports', (t) => {
  const storage = temporaryStorage();
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-bad-export-'));
  const deps = () => ({ db: t.db, storage, clock: systemClock });
  const good = path.join(temporary, 'good');

  before(async () => {
    const category = await insertCategory(t.db, { slug: 'local', name: '本地', parentId: null, position: 0 }, new Date());
    for (const title of ['第一篇', '第二篇', '第三篇']) {
      await createArticle(t.db, { categoryId: category.id, title, bodyHtml: `<p>${title}正文</p>`, origin: 'original', status: 'published', publisher: null, tags: ['本地'] }, new Date());
    }
    await exportSite(deps(), { dir: good, baseUrl: 'https://news.example' });
  });
  after(() => {
    storage.remove();
    fs.rmSync(temporary, { recursive: true, force: true });
  });

  /** A copy of the good export with `edit` applied to its files. */
  const damaged = (name: string, edit: (dir: string) => void) => {
    const dir = path.join(temporary, name);
    fs.cpSync(good, dir, { recursive: true });
    edit(dir);
    return dir;
  };

  it('refuses a directory that has files in it, and one it cannot write, saying which', async () => {
    const message = await refusal(exportSite(deps(), { dir: good, baseUrl: 'https://news.example' }), 'export.dir_not_empty');
    assert.ok(message.includes(good), message);
    const file = path.join(temporary, 'a-file');
    fs.writeFileSync(file, '');
    const unwritable = await refusal(exportSite(deps(), { dir: path.join(file, 'export'), baseUrl: 'https://news.example' }), 'export.dir_unwritable');
    assert.match(unwritable, /无法写入导出目录 .*a-file\/export（ENOTDIR）/);
  });

  it('refuses a directory without a manifest, and an export of a newer format', async () => {
    const empty = fs.mkdtempSync(path.join(temporary, 'empty-'));
    assert.match(await refusal(importSiteExport(deps(), { dir: empty }), 'export.not_an_export'), /manifest\.json（ENOENT）/);
    const newer = damaged('newer', (dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { version: number };
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, version: 99 }));
    });
    assert.match(await refusal(importSiteExport(deps(), { dir: newer }), 'export.newer_format'), /第 99 版/);
  });

  it('reports each damaged record with its file, line and reason, and imports the rest', async () => {
    const dir = damaged('damaged', (d) => {
      const articles = path.join(d, EXPORT_FILES.articles);
      const lines = fs.readFileSync(articles, 'utf8').trimEnd().split('\n');
      const second = JSON.parse(lines[1]!) as Record<string, unknown>;
      lines[1] = JSON.stringify({ ...second, status: 'archived' });
      lines.splice(2, 0, '{"id": 77, "title": "cut sh');
      fs.writeFileSync(articles, `${lines.join('\n')}\n`);
      fs.appendFileSync(path.join(d, EXPORT_FILES.media), `${JSON.stringify({ id: 9, storageKey: '../../etc/passwd.png', contentType: 'image/png', width: 1, height: 1, byteSize: 1, altText: '', fileName: '', variants: [], uploadedBy: null, createdAt: new Date().toISOString() })}\n`);
      fs.mkdirSync(path.join(d, 'media', 'x'), { recursive: true });
      fs.writeFileSync(path.join(d, 'media', 'x', 'page.png'), '<html><script>alert(1)</script></html>');
      fs.appendFileSync(path.join(d, EXPORT_FILES.media), `${JSON.stringify({ id: 10, storageKey: 'x/page.png', contentType: 'image/png', width: 1, height: 1, byteSize: 1, altText: '', fileName: '', variants: [], uploadedBy: null, createdAt: new Date().toISOString() })}\n`);
      fs.appendFileSync(path.join(d, EXPORT_FILES.comments), `${JSON.stringify({ id: 5, article: 999, parent: null, reader: 1, replyToReader: null, body: '孤儿评论', status: 'published', flagged: false, ipRegion: null, likes: 0, moderationReason: null, moderatedAt: null, createdAt: new Date().toISOString() })}\n`);
    });
    const fresh = await createTestDatabase(t.kind);
    try {
      const report = await importSiteExport({ db: fresh.db, storage, clock: systemClock }, { dir });
      const reasons = new Map(report.notImported.map((e) => [e.item, e.reason]));
      assert.match(reasons.get('articles.jsonl 第 2 行') ?? '', /字段 status 应当是 draft、pending、published、rejected、withdrawn 之一/);
      assert.match(reasons.get('articles.jsonl 第 3 行') ?? '', /不是有效的 JSON/);
      assert.match(reasons.get('media.jsonl 第 1 行') ?? '', /图片文件名 \.\.\/\.\.\/etc\/passwd\.png 不是 bendi 的格式/);
      assert.match(reasons.get('media.jsonl 第 2 行') ?? '', /media\/x\/page\.png 不是它的文件名所说的图片/);
      assert.match(reasons.get('comments.jsonl 第 1 行') ?? '', /文章 999 没有导入/);
      assert.equal(report.notImported.length, 5, JSON.stringify(report.notImported));
      assert.equal(report.counts.articles, 2);
      const titles = (await fresh.db.selectFrom('articles').select('title').orderBy('id').execute()).map((a) => a.title);
      assert.deepEqual(titles, [exportFiles(good).articles[0]!.title, exportFiles(good).articles[2]!.title]);

      const again = await importSiteExport({ db: fresh.db, storage, clock: systemClock }, { dir });
      assert.equal(again.counts.articles, 0, 'running it again changes nothing');
      assert.ok(again.counts.alreadyImported >= 3);
      assert.equal(await fresh.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)), 2);
    } finally {
      await fresh.db.destroy();
    }
  });
});
