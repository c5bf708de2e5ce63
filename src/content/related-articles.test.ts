// 相关阅读 counts only each tag's newest entries, so a tag on every article costs no more than one on a few,
// and still ranks what it counts by shared tags, then newest, on both databases.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { buildArticle, buildCategory, uniqueSuffix } from '../test-support/factories.js';
import { listRelatedArticles } from './related-articles.js';

const HOUR = 3_600_000;

describeEachDatabase('listRelatedArticles', (t) => {
  it('counts a broad tag’s newest articles only, and a narrow tag’s all', async () => {
    const [category, elsewhere] = [await buildCategory(t.db), await buildCategory(t.db)];
    const [broad, narrow] = [`民生${uniqueSuffix()}`, `老街${uniqueSuffix()}`];
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);
    const inElsewhere = (tags: string[], hours: number) => buildArticle(t.db, { categoryId: elsewhere.id, tags, publishedAt: hoursAgo(hours) });
    // Written in this order, so ids rise from `old` to `article`.
    const old = await inElsewhere([broad, narrow], 10);
    const alsoOld = await inElsewhere([narrow], 9);
    const beyondTheBound = await inElsewhere([broad], 3);
    const [counted, newest] = [await inElsewhere([broad], 2), await inElsewhere([broad], 1)];
    const article = await buildArticle(t.db, { categoryId: category.id, tags: [broad, narrow] });

    // Each tag's three newest entries count: `broad`'s are `article`, `newest` and `counted`; `narrow` has only three.
    // Four articles in all, more than one tag's bound.
    const related = await listRelatedArticles(t.db, article, new Date(), 7, { candidatesPerTag: 3 });
    assert.deepEqual(
      related.map((card) => card.id),
      [newest.id, counted.id, alsoOld.id, old.id],
      'one shared tag each, newest first; `old` through its narrow tag alone, `beyondTheBound` not at all',
    );

    const unbounded = await listRelatedArticles(t.db, article, new Date(), 7);
    assert.deepEqual(
      unbounded.map((card) => card.id),
      [old.id, newest.id, counted.id, beyondTheBound.id, alsoOld.id],
      'within the default bound, every article sharing a tag, the most shared first',
    );
  });

  it('fills up with the category’s newest, never the article itself nor one already listed for its tags', async () => {
    const category = await buildCategory(t.db);
    const tag = `菜市场${uniqueSuffix()}`;
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);
    const inCategory = (hours: number, tags: string[] = []) => buildArticle(t.db, { categoryId: category.id, tags, publishedAt: hoursAgo(hours) });
    const older = [];
    for (let hours = 10; hours > 4; hours--) older.push(await inCategory(hours));
    // The newest of the category are the article and the two sharing its tag: those the fill must leave out.
    const [sharing, alsoSharing] = [await inCategory(3, [tag]), await inCategory(2, [tag])];
    const article = await inCategory(1, [tag]);

    const related = await listRelatedArticles(t.db, article, new Date(), 7);
    const newestFirst = older.map((a) => a.id).reverse();
    assert.deepEqual(
      related.map((card) => card.id),
      [alsoSharing.id, sharing.id, ...newestFirst.slice(0, 5)],
      'the two sharing its tag, then five of the category, newest first',
    );
  });
});
