import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // A category's list (置顶 first, then newest) ends its order with the id, which PostgreSQL's index lacked: a page
  // deep in a large category read every article before it from the table (要闻's pages 300 and 600 of 60,000
  // articles: 22 ms, 10,200 table pages), now from the index alone (1.4 and 2.3 ms). SQLite's indexes end with
  // the row's id already. The new index is built before the old one is dropped: the build holds back writes
  // only, and the drop's lock, which holds back reads too, comes last, for the rest of the migration's transaction.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createIndex('articles_category_list')
    .on('articles')
    .columns(['category_id', 'status', 'is_pinned', 'published_at', 'id'])
    .execute();
  await db.schema.dropIndex('articles_category_pinned_latest').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createIndex('articles_category_pinned_latest')
    .on('articles')
    .columns(['category_id', 'status', 'is_pinned', 'published_at'])
    .execute();
  await db.schema.dropIndex('articles_category_list').execute();
}
