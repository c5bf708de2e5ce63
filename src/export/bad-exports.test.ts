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

  it('reports a damaged 专题 or ad by its line, and drops a pick whose article did not come in, saying so', async () => {
    const [firstArticle] = exportFiles(good).articles;
    const at = new Date().toISOString();
    const topic = (id: number, slug: string, articles: number[]) => ({
      id, slug, title: '专题', banner: null, introHtml: '<p>导语</p><script>alert(1)</script>', position: 0, showOnHome: false, status: 'published', statusReason: null,
      publishedAt: at, createdBy: null, updatedBy: null, createdAt: at, updatedAt: at, sections: [{ title: '报道', articles, tag: null, tagLimit: 0 }],
    });
    const ad = (id: number, fields: Record<string, unknown>) => ({
      id, slot: 'sidebar', title: '广告', body: '', image: null, linkUrl: 'https://example.com/', weight: 1, startsAt: at, endsAt: null, enabled: true,
      categories: ['local'], createdBy: null, createdAt: at, updatedAt: at, days: [], ...fields,
    });
    const dir = damaged('damaged-topics-ads', (d) => {
      const lines = (records: unknown[]) => `${records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;
      fs.writeFileSync(path.join(d, EXPORT_FILES.topics), lines([topic(1, 'kept', [firstArticle!.id, 999]), topic(2, 'Bad Slug', []), '{"id": 3, "slug": "cut']));
      fs.writeFileSync(
        path.join(d, EXPORT_FILES.ads),
        lines([ad(1, {}), ad(2, { linkUrl: 'javascript:alert(1)' }), ad(3, { categories: ['nowhere'] }), ad(4, { days: [{ day: '2026-12-01', impressions: 1, clicks: 0 }, { day: '2026-12-01', impressions: 2, clicks: 0 }] })]),
      );
    });
    const fresh = await createTestDatabase(t.kind);
    try {
      const report = await importSiteExport({ db: fresh.db, storage, clock: systemClock }, { dir });
      const reasons = new Map(report.notImported.map((e) => [e.item, e.reason]));
      assert.match(reasons.get('topics.jsonl 第 2 行') ?? '', /专题地址 Bad Slug 不符合 bendi 的规则/);
      assert.match(reasons.get('topics.jsonl 第 3 行') ?? '', /不是有效的 JSON/);
      assert.match(reasons.get('ads.jsonl 第 2 行') ?? '', /不是 http\(s\) 网址/);
      assert.match(reasons.get('ads.jsonl 第 3 行') ?? '', /栏目 nowhere 没有导入/);
      assert.match(reasons.get('ads.jsonl 第 4 行') ?? '', /2026-12-01 不是 YYYY-MM-DD 或重复/);
      assert.equal(report.notImported.length, 5, JSON.stringify(report.notImported));
      assert.deepEqual(report.changed, [{ item: 'topics.jsonl 第 1 行', reason: '栏块“报道”选的文章 999 没有导入，已从栏块中去掉' }]);
      assert.deepEqual([report.counts.topics, report.counts.ads], [1, 1]);
      const kept = await fresh.db.selectFrom('topics').select(['id', 'intro_html']).executeTakeFirstOrThrow();
      assert.ok(!kept.intro_html.includes('<script'), 'the introduction is sanitized');
      const picks = await fresh.db.selectFrom('topic_articles').innerJoin('topic_sections', 'topic_sections.id', 'topic_articles.section_id').select('topic_articles.article_id').where('topic_sections.topic_id', '=', kept.id).execute();
      assert.equal(picks.length, 1);

      const again = await importSiteExport({ db: fresh.db, storage, clock: systemClock }, { dir });
      assert.deepEqual([again.counts.topics, again.counts.ads, again.changed.length], [0, 0, 0], 'running it again changes nothing');
    } finally {
      await fresh.db.destroy();
    }
  });
});
