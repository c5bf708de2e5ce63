import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { migrateToLatest } from './database.js';
import { createTestDatabase } from './testing.js';
import { missingEnv } from '../test-support/skip-reasons.js';

const BEFORE = '2026_12_02_0110_media_uploads';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the migration that makes tags differing only in case one [${kind}]`, { skip: kind === 'postgres' && missingEnv('TEST_POSTGRES_URL') }, () => {
    it('merges them into the oldest, keeping each article’s tags in order and once, and keys 专题 sections the same way', async () => {
      const handle = await createTestDatabase(kind, BEFORE);
      const db = handle.db as unknown as Kysely<any>;
      const now = new Date().toISOString();
      try {
        const category = await db.insertInto('categories').values({ slug: 'news', name: '新闻', created_at: now }).returning('id').executeTakeFirstOrThrow();
        const article = async (title: string) =>
          (
            await db
              .insertInto('articles')
              .values({ category_id: category.id, title, body_html: '<p>正文</p>', origin: 'original', status: 'published', published_at: now, created_at: now, updated_at: now })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id as number;
        const tag = async (name: string) => (await db.insertInto('tags').values({ name }).returning('id').executeTakeFirstOrThrow()).id as number;
        const [upper, lower, mixed, other] = [await tag('NBA'), await tag('nba'), await tag('Nba'), await tag('Café')];
        const [onlyLower, both, bothLowerFirst] = [await article('只有 nba'), await article('NBA 和 nba'), await article('nba 在前')];
        await db
          .insertInto('article_tags')
          .values([
            { article_id: onlyLower, tag_id: lower, position: 0 },
            { article_id: onlyLower, tag_id: other, position: 1 },
            { article_id: both, tag_id: other, position: 0 },
            { article_id: both, tag_id: upper, position: 1 },
            { article_id: both, tag_id: lower, position: 2 },
            { article_id: bothLowerFirst, tag_id: mixed, position: 0 },
            { article_id: bothLowerFirst, tag_id: other, position: 1 },
            { article_id: bothLowerFirst, tag_id: upper, position: 2 },
          ])
          .execute();
        const topic = await db
          .insertInto('topics')
          .values({ slug: 'ball', title: '篮球', intro_html: '', status: 'draft', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('topic_sections').values({ topic_id: topic.id, position: 0, title: '赛事', tag_name: 'nBa', tag_limit: 5 }).execute();

        await migrateToLatest(handle);

        assert.deepEqual(await db.selectFrom('tags').select(['id', 'name', 'folded']).orderBy('id').execute(), [
          { id: upper, name: 'NBA', folded: 'nba' },
          { id: other, name: 'Café', folded: 'café' },
        ]);
        const tagsOf = async (articleId: number) =>
          (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).orderBy('position').execute()).map((r) => r.tag_id);
        assert.deepEqual(await tagsOf(onlyLower), [upper, other]);
        assert.deepEqual(await tagsOf(both), [other, upper]);
        assert.deepEqual(await tagsOf(bothLowerFirst), [upper, other], 'where the article first had one of them');
        assert.deepEqual(await db.selectFrom('topic_sections').select(['tag_name', 'tag_folded']).execute(), [{ tag_name: 'nBa', tag_folded: 'nba' }]);
        await assert.rejects(db.insertInto('tags').values({ name: 'nbA', folded: 'nba' }).execute(), 'one tag a folded name');
      } finally {
        await handle.db.destroy();
      }
    });
  });
}
