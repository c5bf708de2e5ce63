import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const timestamp = postgres ? 'timestamptz' : 'text';

  // 我的: replies and likes newer than this are unread.
  await db.schema.alterTable('readers').addColumn('notifications_seen_at', timestamp).execute();
  // Replies to a reader, newest first, for their notifications.
  await db.schema.createIndex('comments_reply_to_reader').on('comments').columns(['reply_to_reader_id', 'created_at']).execute();
  await db.schema.createIndex('comments_reader').on('comments').columns(['reader_id', 'created_at']).execute();

  // Reports carry an optional note, and the address they came from, so floods are bounded per address too.
  await db.schema.alterTable('comment_reports').addColumn('note', 'text').execute();
  await db.schema.alterTable('comment_reports').addColumn('ip', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('comment_reports_reader').on('comment_reports').columns(['reader_id', 'created_at']).execute();
  await db.schema.createIndex('comment_reports_ip').on('comment_reports').columns(['ip', 'created_at']).execute();

  await db.schema
    .createTable('article_reports')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('resolved_at', timestamp)
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // One report per reader and article, enforced by the database so concurrent reports cannot count twice.
  await db.schema.createIndex('article_reports_once').on('article_reports').columns(['article_id', 'reader_id']).unique().execute();
  await db.schema.createIndex('article_reports_open').on('article_reports').columns(['resolved_at', 'article_id']).execute();
  await db.schema.createIndex('article_reports_reader').on('article_reports').columns(['reader_id', 'created_at']).execute();
  await db.schema.createIndex('article_reports_ip').on('article_reports').columns(['ip', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_reports').execute();
  await db.schema.dropIndex('comment_reports_ip').execute();
  await db.schema.dropIndex('comment_reports_reader').execute();
  await db.schema.alterTable('comment_reports').dropColumn('ip').execute();
  await db.schema.alterTable('comment_reports').dropColumn('note').execute();
  await db.schema.dropIndex('comments_reader').execute();
  await db.schema.dropIndex('comments_reply_to_reader').execute();
  await db.schema.alterTable('readers').dropColumn('notifications_seen_at').execute();
}
