import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { migrateToLatest } from './database.js';
import { createTestDatabase } from './testing.js';
import { missingEnv } from '../test-support/skip-reasons.js';

const BEFORE = '2026_12_01_2050_counter_batches';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the media library migration [${kind}]`, { skip: kind === 'postgres' && missingEnv('TEST_POSTGRES_URL') }, () => {
    it('keeps the uploader from the audit log, the stored name as file name, and records where every image is used', async () => {
      const handle = await createTestDatabase(kind, BEFORE);
      const db = handle.db as unknown as Kysely<any>;
      const now = new Date().toISOString();
      try {
        const user = await db.insertInto('users').values({ username: 'bianji', display_name: '编辑', real_name: '编辑', role: 'editor', created_at: now }).returning('id').executeTakeFirstOrThrow();
        const media = [];
        for (const key of ['2026/11/aaaa.jpg', '2026/11/bbbb.png', '2026/11/cccc.png']) {
          media.push(
            await db.insertInto('media').values({ storage_key: key, content_type: 'image/png', width: 10, height: 10, byte_size: 1, alt_text: '图', created_at: now }).returning('id').executeTakeFirstOrThrow(),
          );
        }
        const [a, b, c] = media.map((m) => m.id as number);
        await db
          .insertInto('audit_log')
          .values({ actor_id: user.id, actor_name: 'bianji', action: 'media.upload', target_type: 'media', target_id: String(a), details: '{}', created_at: now })
          .execute();
        const category = await db.insertInto('categories').values({ slug: 'news', name: '新闻', created_at: now }).returning('id').executeTakeFirstOrThrow();
        const article = await db
          .insertInto('articles')
          .values({
            category_id: category.id,
            title: '标题',
            body_html: '<p><img src="/media/2026/11/bbbb.png" alt="图"></p><p><img src="/media/2026/11/gone.png" alt="图"></p>',
            lead_image_id: a,
            lead_image_alt: '图',
            origin: 'original',
            status: 'draft',
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();

        await migrateToLatest(handle);

        const rows = await db.selectFrom('media').select(['id', 'file_name', 'uploaded_by']).orderBy('id').execute();
        assert.deepEqual(rows, [
          { id: a, file_name: 'aaaa.jpg', uploaded_by: user.id },
          { id: b, file_name: 'bbbb.png', uploaded_by: null },
          { id: c, file_name: 'cccc.png', uploaded_by: null },
        ]);
        const uses = await db.selectFrom('media_uses').select(['media_id', 'article_id', 'place']).orderBy('media_id').execute();
        assert.deepEqual(uses, [
          { media_id: a, article_id: article.id, place: 'lead' },
          { media_id: b, article_id: article.id, place: 'body' },
        ]);
      } finally {
        await handle.db.destroy();
      }
    });
  });
}
