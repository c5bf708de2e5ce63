import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // The words of the title and of the summary (with the tags) on their own, without positions: small enough to stay
  // in the row, so ranking can ask whether the title holds all the query's words without reading the whole
  // document from TOAST. SQLite's FTS5 table has a column per part already.
  await sql`alter table article_search
    add column title_words tsvector not null default ''::tsvector,
    add column summary_words tsvector not null default ''::tsvector`.execute(db);
  await sql`update article_search set title_words = strip(ts_filter(document, '{a}')), summary_words = strip(ts_filter(document, '{b}'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table article_search drop column title_words, drop column summary_words`.execute(db);
}
