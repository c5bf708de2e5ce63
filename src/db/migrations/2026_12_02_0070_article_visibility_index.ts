import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Search checks each full-text match against the article's status, time and category. SQLite reads a row's
  // columns in order, and body_html comes before them: without this index every check read the whole body
  // from its overflow pages. On PostgreSQL the same columns make the check an index-only scan.
  if (postgres) {
    await sql`create index articles_visibility on articles (id) include (status, published_at, category_id)`.execute(db);
  } else {
    await sql`create index articles_visibility on articles (id, status, published_at, category_id)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_visibility').execute();
}
