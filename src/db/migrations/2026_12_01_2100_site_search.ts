import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = postgres ? 'serial' : 'integer';
  const timestamp = postgres ? 'timestamptz' : 'text';

  // Words admins add to the segmenter's dictionary: local places and names it would cut apart.
  await db.schema
    .createTable('search_words')
    .addColumn('id', idType, (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('word', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  // The index holds segmented text (words separated by spaces), one row per published article, keyed by its id.
  if (postgres) {
    await sql`create table article_search (
      article_id integer primary key references articles(id) on delete cascade,
      document tsvector not null
    )`.execute(db);
    await sql`create index article_search_document on article_search using gin (document)`.execute(db);
  } else {
    // unicode61 splits on the spaces between the segmented words and folds Latin case; the rowid is the article's id.
    await sql`create virtual table article_search using fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table article_search`.execute(db);
  await db.schema.dropTable('search_words').execute();
}
