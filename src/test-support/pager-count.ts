import assert from 'node:assert/strict';
import type { Db } from '../db/database.js';
import { getSiteSettings, saveSiteSettings } from '../site/index.js';
import { buildTestApp } from './test-app.js';

/**
 * Holds that a list's pager counts its articles once for all its pages, until content changes: two
 * articles a page, rendered on every request as for a crawler (the data pages share is kept), three
 * articles make two pages; two more written to the database directly announce no change, so page 3 is
 * still missing; after a change it is there. `addArticle` writes one more article to the list.
 */
export async function assertPagerCountKeptUntilChange(db: Db, { pageUrl, addArticle }: { pageUrl: (page: number) => string; addArticle: () => Promise<unknown> }): Promise<void> {
  const { articlesPerPage } = await getSiteSettings(db);
  await saveSiteSettings(db, { articlesPerPage: 2 }, new Date());
  const rendering = await buildTestApp(db, { pageCacheSeconds: 60, pageCachePages: 0 });
  try {
    for (let i = 0; i < 3; i += 1) await addArticle();
    const status = async (page: number) => (await rendering.inject({ url: pageUrl(page) })).statusCode;
    assert.equal(await status(2), 200);
    assert.equal(await status(3), 404, 'three articles make two pages');
    for (let i = 0; i < 2; i += 1) await addArticle();
    assert.equal(await status(3), 404, 'the count kept from the first page');
    await rendering.pageCache.clear();
    assert.equal(await status(3), 200, 'counted again after a change');
  } finally {
    await rendering.close();
    await saveSiteSettings(db, { articlesPerPage }, new Date());
  }
}
