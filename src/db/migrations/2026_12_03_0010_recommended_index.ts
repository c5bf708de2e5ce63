import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // 推荐阅读 in every page's sidebar, read in index order and stopped at its count, as 头条 are (articles_headlines):
  // without it both databases walked the published articles newest first looking for recommended ones
  // (20 ms on a site of 60,000 with one in 5,000 recommended, bench/article-lists.bench.ts; now under 1 ms).
  await db.schema.createIndex('articles_recommended').on('articles').columns(['status', 'is_recommended', 'published_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_recommended').execute();
}
