// A whole site exported, brought into an empty database, and exported again: the two exports are the same but
// for the ids (docs/export-format.md says so). The WordPress file goes through bendi's own WordPress import too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { DatabaseHandle, Db } from '../db/database.js';
import { createTestDatabase, describeEachDatabase } from '../db/testing.js';
import { seedDemo } from '../demo/seed-demo.js';
import { importFile } from '../import/testing.js';
import { systemClock } from '../lib/clock.js';
import { LocalDiskStorage } from '../media/index.js';
import { cleanUp } from '../test-support/clean-up.js';
import { buildTestApp } from '../test-support/test-app.js';
import { EXPORT_FILES, WXR_FILE } from './export-format.js';
import { exportSite, type ExportOutcome } from './export-site.js';
import { importSiteExport, type SiteImportReport } from './import-site-export.js';
import { addCommentsAndSecrets, addTopicAndAd, exportFiles, normalizedExport } from './testing.js';

describeEachDatabase('export: a whole site there and back', (t) => {
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-export-'));
  const storage = new LocalDiskStorage(path.join(temporary, 'media-a'));
  const otherStorage = new LocalDiskStorage(path.join(temporary, 'media-b'));
  const first = path.join(temporary, 'first');
  const second = path.join(temporary, 'second');
  let other: DatabaseHandle;
  let wordpressSite: DatabaseHandle;
  let exported: ExportOutcome;
  let imported: SiteImportReport;
  let titles: { topicTitle: string; adTitle: string };
  const deps = (db: Db, store: LocalDiskStorage) => ({ db, storage: store, clock: systemClock });

  before(async () => {
    await seedDemo(deps(t.db, storage));
    await addCommentsAndSecrets(t.db);
    titles = await addTopicAndAd(t.db);
    exported = await exportSite(deps(t.db, storage), { dir: first, baseUrl: 'http://127.0.0.1:9', withRevisions: true });
    other = await createTestDatabase(t.kind);
    imported = await importSiteExport(deps(other.db, otherStorage), { dir: first });
    await exportSite(deps(other.db, otherStorage), { dir: second, baseUrl: 'http://127.0.0.1:9', withRevisions: true });
    wordpressSite = await createTestDatabase(t.kind);
  });
  after(() =>
    cleanUp(
      () => other?.db.destroy(),
      () => wordpressSite?.db.destroy(),
      () => fs.rmSync(temporary, { recursive: true, force: true }),
    ),
  );

  it('writes every kind of record, the media files and a manifest, leaving secrets out', async () => {
    const { counts } = exported.manifest;
    assert.ok(counts.articles >= 10, `articles: ${counts.articles}`);
    assert.equal(counts.comments, 4);
    assert.ok(counts.media > 10 && counts.mediaFiles >= counts.media);
    assert.ok(counts.tags > 5 && counts.categories > 3 && counts.users > 1 && counts.readers === 2);
    assert.deepEqual(exported.missingFiles, []);
    const settings = exportFiles(first).settings.map((s) => s.key);
    assert.ok(settings.includes('siteName') && settings.includes('sms.accessKeyId'));
    assert.ok(!settings.includes('sms.accessKeySecret') && !settings.includes('searchPush.baiduToken'), 'secrets left out');
    assert.ok(!fs.readFileSync(path.join(first, EXPORT_FILES.settings), 'utf8').includes('SECRET-VALUE'));
    assert.ok(!fs.readFileSync(path.join(first, EXPORT_FILES.users), 'utf8').includes('password'));
  });

  it('writes the 专题 with its sections and picks, and the ad with its categories and days', () => {
    const { topics, ads, articles, media } = exportFiles(first);
    assert.equal(topics.length, 1);
    const [topic] = topics;
    assert.equal(topic!.status, 'published');
    assert.ok(media.some((m) => m.storageKey === topic!.banner?.storageKey), 'the banner names an exported image');
    assert.deepEqual(topic!.sections.map((s) => [s.title, s.articles.length, s.tag !== null]), [['报道', 3, false], ['相关', 0, true]]);
    assert.ok(topic!.sections[0]!.articles.every((id) => articles.some((a) => a.id === id)), 'picks name exported articles');
    assert.equal(ads.length, 1);
    assert.ok(media.some((m) => m.storageKey === ads[0]!.image));
    assert.equal(ads[0]!.categories.length, 2);
    assert.deepEqual(ads[0]!.days, [{ day: '2026-11-30', impressions: 120, clicks: 7 }, { day: '2026-12-01', impressions: 95, clicks: 3 }]);
  });

  it('imports the export into an empty database without a problem', () => {
    assert.deepEqual(imported.notImported, []);
    assert.deepEqual(imported.changed, []);
    assert.equal(imported.counts.topics, 1);
    assert.equal(imported.counts.ads, 1);
    assert.equal(imported.counts.articles, exported.manifest.counts.articles);
    assert.equal(imported.counts.comments, exported.manifest.counts.comments);
    assert.equal(imported.counts.media, exported.manifest.counts.media);
  });

  it('gives back the same site: a second export equals the first but for ids', () => {
    const a = normalizedExport(first);
    const b = normalizedExport(second);
    for (const kind of Object.keys(EXPORT_FILES) as Array<keyof typeof EXPORT_FILES>) assert.deepEqual(b[kind], a[kind], kind);
    const files = (dir: string) => fs.readdirSync(path.join(dir, 'media'), { recursive: true }).map(String).sort();
    assert.deepEqual(files(second), files(first));
  });

  it('shows the imported 专题 with its banner and picks, and serves the ad with its image, on the new site', async () => {
    const app = await buildTestApp(other.db, { storage: otherStorage });
    try {
      const page = await app.inject({ method: 'GET', url: '/zt/riverside-walk' });
      assert.equal(page.statusCode, 200);
      const topic = await other.db.selectFrom('topics').innerJoin('media', 'media.id', 'topics.banner_media_id').select(['topics.title', 'media.storage_key']).executeTakeFirstOrThrow();
      assert.equal(topic.title, titles.topicTitle);
      assert.equal(topic.storage_key, exportFiles(first).topics[0]!.banner!.storageKey, 'the banner is the imported image');
      const picked = exportFiles(first).topics[0]!.sections[0]!.articles.map((id) => exportFiles(first).articles.find((a) => a.id === id)!.title);
      for (const title of picked) assert.ok(page.body.includes(title.replaceAll('&', '&amp;')), title);
      const ad = await other.db.selectFrom('ads').innerJoin('media', 'media.id', 'ads.media_id').select(['ads.title', 'media.storage_key']).executeTakeFirstOrThrow();
      assert.deepEqual([ad.title, ad.storage_key], [titles.adTitle, exportFiles(first).ads[0]!.image]);
    } finally {
      await app.close();
    }
  });

  it('imports the same export again without changing anything', async () => {
    const again = await importSiteExport(deps(other.db, otherStorage), { dir: first });
    assert.deepEqual(again.notImported, []);
    assert.ok(Object.entries(again.counts).every(([kind, n]) => kind === 'alreadyImported' || kind === 'tags' || kind === 'settings' || n === 0), JSON.stringify(again.counts));
    const count = async (table: 'topics' | 'topic_sections' | 'ads' | 'ad_daily_stats') => Number((await other.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.deepEqual([await count('topics'), await count('topic_sections'), await count('ads'), await count('ad_daily_stats')], [1, 2, 1, 2]);
  });

  it('counts an article\'s published comments from those that came in, whatever count its record carried', async () => {
    // An export taken while a moderator approved a comment between reading the article and reading its comments.
    const edited = path.join(temporary, 'count-behind');
    fs.cpSync(first, edited, { recursive: true });
    const commented = exportFiles(first).comments[0]!.article;
    const articles = path.join(edited, EXPORT_FILES.articles);
    const lines = fs.readFileSync(articles, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { id: number; counts: Record<string, number> });
    for (const record of lines) if (record.id === commented) record.counts.comments = 0;
    fs.writeFileSync(articles, `${lines.map((record) => JSON.stringify(record)).join('\n')}\n`);
    const target = await createTestDatabase(t.kind);
    try {
      await importSiteExport(deps(target.db, otherStorage), { dir: edited });
      const counts = await target.db.selectFrom('articles').select('comment_count').where('comment_count', '>', 0).execute();
      assert.deepEqual(counts.map((row) => row.comment_count), [2], 'the two published comments, not the pending or the rejected one');
    } finally {
      await target.db.destroy();
    }
  });

  it('imports it twice at once into an empty site: each record once, by one import or the other, and no error', async () => {
    const target = await createTestDatabase(t.kind);
    const store = new LocalDiskStorage(path.join(temporary, 'media-twice'));
    try {
      const reports = await Promise.all([importSiteExport(deps(target.db, store), { dir: first }), importSiteExport(deps(target.db, store), { dir: first })]);
      assert.deepEqual(reports.map((r) => r.notImported), [[], []]);
      // Settings are written by each import, the same values twice; every other record is imported by one of them.
      for (const kind of (Object.keys(EXPORT_FILES) as Array<keyof typeof EXPORT_FILES>).filter((k) => k !== 'settings')) {
        assert.equal(reports[0]!.counts[kind] + reports[1]!.counts[kind], imported.counts[kind], kind);
      }
      const rows = async (db: Db) => ({
        articles: (await db.selectFrom('articles').select('id').execute()).length,
        media: (await db.selectFrom('media').select('id').execute()).length,
        comments: (await db.selectFrom('comments').select('id').execute()).length,
      });
      assert.deepEqual(await rows(target.db), await rows(other.db));
      assert.deepEqual(fs.readdirSync(store.root, { recursive: true }).sort(), fs.readdirSync(otherStorage.root, { recursive: true }).sort());
    } finally {
      await target.db.destroy();
    }
  });

  it('renders the imported site: home page, every published article, its lead image and comments', async () => {
    const app = await buildTestApp(other.db, { storage: otherStorage });
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
      const articles = await other.db.selectFrom('articles').select(['id', 'title', 'lead_image_id']).where('status', '=', 'published').execute();
      assert.ok(articles.length >= 10);
      for (const article of articles) {
        const page = await app.inject({ method: 'GET', url: `/a/${article.id}` });
        assert.equal(page.statusCode, 200, `article ${article.id}`);
      }
      const commented = exportFiles(first).comments[0]!;
      const title = exportFiles(first).articles.find((a) => a.id === commented.article)!.title;
      const target = articles.find((a) => a.title === title)!;
      const page = await app.inject({ method: 'GET', url: `/a/${target.id}` });
      assert.ok(page.body.includes('沿江步道修好了'), 'the comment is on its page');
      const lead = await other.db.selectFrom('media').select('storage_key').where('id', '=', target.lead_image_id!).executeTakeFirstOrThrow();
      assert.equal((await app.inject({ method: 'GET', url: `/media/${lead.storage_key}` })).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it("makes a WordPress file that bendi's WordPress import reads back: the same articles, categories, tags and comments", async () => {
    const wxr = fs.readFileSync(path.join(first, WXR_FILE), 'utf8');
    assert.ok(!wxr.includes('江滨步道改造专题') && !wxr.includes(titles.adTitle), 'no 专题 or ad in the WordPress file');
    const report = await importFile({ db: wordpressSite.db, storage: otherStorage }, path.join(first, WXR_FILE));
    assert.equal(report.stoppedBy, null);
    const source = exportFiles(first);
    assert.equal(report.counts.articles, source.articles.length);
    const articles = await wordpressSite.db
      .selectFrom('articles')
      .innerJoin('categories', 'categories.id', 'articles.category_id')
      .select(['articles.id', 'articles.title', 'articles.status', 'categories.slug'])
      .orderBy('articles.id')
      .execute();
    const byTitle = new Map(articles.map((a) => [a.title, a]));
    for (const article of source.articles) {
      const back = byTitle.get(article.title);
      assert.ok(back, `「${article.title}」`);
      assert.equal(back.status, article.status === 'published' ? 'published' : 'draft', article.title);
      assert.equal(back.slug, article.category);
      const tags = await wordpressSite.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.name')
        .where('article_id', '=', back.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(tags.map((tag) => tag.name), article.tags, article.title);
    }
    const comments = await wordpressSite.db.selectFrom('comments').select(['body', 'parent_id', 'status']).orderBy('id').execute();
    const kept = source.comments.filter((c) => c.status === 'published' || c.status === 'pending');
    assert.deepEqual(
      comments.map((c) => [c.body, c.status, c.parent_id !== null]),
      kept.map((c) => [c.body, c.status, c.parent !== null]),
    );
  });
});
