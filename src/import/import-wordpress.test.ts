import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { countRows } from '../db/count-rows.js';
import { describeEachDatabase } from '../db/testing.js';
import { temporaryStorage } from '../media/testing.js';
import { buildTestApp } from '../test-support/test-app.js';
import type { ImportReport } from './import-report.js';
import { importFile, THEME_UNIT_TEST_DATA } from './testing.js';

const FIXTURE_HOST = 'wpthemetestdata.files.wordpress.com';

describeEachDatabase('import wordpress: the theme unit test data', (t) => {
  const storage = temporaryStorage();
  let app: FastifyInstance;
  let first: ImportReport;
  let mapped: Array<{ source_key: string; target_id: number }>;

  before(async () => {
    first = await importFile({ db: t.db, storage }, THEME_UNIT_TEST_DATA);
    mapped = await t.db.selectFrom('import_map').select(['source_key', 'target_id']).where('kind', '=', 'post').execute();
    app = await buildTestApp(t.db);
  });
  after(async () => {
    await app.close();
    storage.remove();
  });

  it('imports every post, with its comments and categories, and reports what it left', () => {
    assert.equal(first.stoppedBy, null);
    assert.equal(first.counts.articles, 58);
    assert.equal(mapped.length, 58);
    assert.ok(first.counts.comments >= 20, `comments: ${first.counts.comments}`);
    assert.ok(first.counts.categories > 10);
    assert.equal(first.counts.authors, 3);
    assert.ok(first.notImported.some((e) => e.item.startsWith('page ×')));
    assert.ok(first.counts.tags > 20, `tags: ${first.counts.tags}`);
    assert.ok(first.imagesKeptAsLinks.length > 0);
    assert.ok(first.imagesKeptAsLinks.every((e) => e.item.includes(FIXTURE_HOST) || e.item.includes('image ')));
  });

  it('gives each article its post\'s tags, in the export\'s order', async () => {
    const id = mapped.find((m) => m.source_key === '1752')!.target_id;
    const tags = await t.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_tags.article_id', '=', id)
      .orderBy('article_tags.position')
      .execute();
    assert.deepEqual(
      tags.map((tag) => tag.name),
      ['gallery', 'Columns', 'image', 'content περιεχόμενο'],
    );
  });

  it('reports each featured image it could not download, and leaves that article without a lead image', async () => {
    const leads = first.imagesKeptAsLinks.filter((e) => e.item.includes('题图'));
    assert.equal(leads.length, 6, JSON.stringify(leads));
    assert.ok(leads.every((e) => e.item.includes(FIXTURE_HOST) && /没有题图/.test(e.reason)));
  });

  it('makes authors staff accounts that cannot sign in', async () => {
    const authors = await t.db
      .selectFrom('users')
      .innerJoin('import_map', 'import_map.target_id', 'users.id')
      .select(['users.password_hash', 'users.role'])
      .where('import_map.kind', '=', 'author')
      .execute();
    assert.equal(authors.length, 3);
    assert.ok(authors.every((a) => a.password_hash === null && a.role === 'editor'));
  });

  it('renders every imported article page, or answers 404 for a draft as for any other', async () => {
    const articles = await t.db.selectFrom('articles').select(['id', 'status', 'published_at']).where('id', 'in', mapped.map((m) => m.target_id)).execute();
    let published = 0;
    for (const article of articles) {
      const visible = article.status === 'published' && new Date(article.published_at!) <= new Date();
      const response = await app.inject({ method: 'GET', url: `/a/${article.id}` });
      assert.equal(response.statusCode, visible ? 200 : 404, `article ${article.id} (${article.status})`);
      if (visible) published++;
    }
    assert.ok(published > 40, `published: ${published}`);
  });

  it('answers old addresses with a 301 to the new article, and 404 for one that is not published', async () => {
    const id = (postId: string) => mapped.find((m) => m.source_key === postId)!.target_id;
    const byPath = await app.inject({ method: 'GET', url: '/wp-6-1-font-size-scale/' });
    assert.equal(byPath.statusCode, 301);
    assert.equal(byPath.headers.location, `/a/${id('163')}`);
    const byId = await app.inject({ method: 'GET', url: '/?p=163' });
    assert.equal(byId.statusCode, 301);
    assert.equal(byId.headers.location, `/a/${id('163')}`);
    const traditional = await app.inject({ method: 'GET', url: '/zh-hant/wp-6-1-font-size-scale' });
    assert.equal(traditional.headers.location, `/zh-hant/a/${id('163')}`);
    const draft = await app.inject({ method: 'GET', url: '/?p=1164' });
    assert.equal(draft.statusCode, 200, 'a draft\'s /?p= link is the home page, as any unknown one');
    assert.equal((await app.inject({ method: 'GET', url: '/no-such-old-post/' })).statusCode, 404);
  });

  it('changes nothing when run a second time', async () => {
    const tables = ['articles', 'comments', 'categories', 'users', 'readers', 'media', 'old_urls', 'import_map'] as const;
    const before = await Promise.all(tables.map((table) => countRows(t.db.selectFrom(table))));
    const second = await importFile({ db: t.db, storage }, THEME_UNIT_TEST_DATA);
    assert.equal(second.counts.articles, 0);
    assert.equal(second.counts.alreadyImported, 58);
    assert.deepEqual(await Promise.all(tables.map((table) => countRows(t.db.selectFrom(table)))), before);
  });
});
