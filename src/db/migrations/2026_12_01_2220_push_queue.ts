import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const timestamp = postgres ? 'timestamptz' : 'text';
  // An outbox: a publish, edit or withdrawal adds rows in its own transaction, and each instance's
  // worker sends them to the search engines after commit. It names the article, not its URL: the
  // worker knows the site's origin (PUBLIC_URL) and the public paths, the content commands do not.
  await db.schema
    .createTable('push_queue')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', timestamp, (c) => c.notNull())
    .addColumn('last_result', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('done_at', timestamp)
    .execute();
  // The workers' claim: due rows of one engine, oldest first.
  await db.schema.createIndex('push_queue_due').on('push_queue').columns(['status', 'engine', 'next_attempt_at']).execute();
  await db.schema.createIndex('push_queue_created').on('push_queue').column('created_at').execute();
  await db.schema.createIndex('push_queue_article').on('push_queue').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('push_queue').execute();
}
