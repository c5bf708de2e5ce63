import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // The front page's lists, each read in index order and stopped at its count instead of sorting every
  // published article: 要闻 (置顶 first, then newest), the 焦点图's 头条, and a category's list (置顶 first).
  await db.schema.createIndex('articles_pinned_latest').on('articles').columns(['status', 'is_pinned', 'published_at']).execute();
  await db.schema.createIndex('articles_headlines').on('articles').columns(['status', 'is_headline', 'published_at']).execute();
  await db.schema
    .createIndex('articles_category_pinned_latest')
    .on('articles')
    .columns(['category_id', 'status', 'is_pinned', 'published_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['articles_category_pinned_latest', 'articles_headlines', 'articles_pinned_latest']) await db.schema.dropIndex(index).execute();
}
