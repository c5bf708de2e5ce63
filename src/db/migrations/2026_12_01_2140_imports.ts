import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // What an import made of each thing it read (a post, a comment, an author, an image URL), so that running the
  // same import again finds it and changes nothing. `source` names the site the export came from.
  await db.schema
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pkey', ['source', 'kind', 'source_key'])
    .execute();
  // An imported post's old addresses (its permalink path, `/?p=ID`): consulted only for what would otherwise be a 404.
  await db.schema
    .createTable('old_urls')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('old_urls').execute();
  await db.schema.dropTable('import_map').execute();
}
