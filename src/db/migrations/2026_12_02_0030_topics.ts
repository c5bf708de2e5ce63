import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement());

  // 专题: a special-topic page, reviewed like an article (the same statuses and version rule).
  await db.schema
    .createTable('topics')
    .addColumn('id', postgres ? 'serial' : 'integer', id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('banner_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('banner_alt', 'text')
    .addColumn('intro_html', 'text', (c) => c.notNull())
    // Order among 专题 (on the home page and the list), smaller first.
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('show_on_home', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('topic_sections')
    .addColumn('id', postgres ? 'serial' : 'integer', id)
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // A tag whose newest articles follow the hand-picked ones; by name, so a tag no article carries yet can be named.
    .addColumn('tag_name', 'text')
    .addColumn('tag_limit', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topic_sections_topic').on('topic_sections').columns(['topic_id', 'position']).execute();
  // The hand-picked articles of a section, in the editor's order.
  await db.schema
    .createTable('topic_articles')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('topic_sections.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_articles_pkey', ['section_id', 'article_id'])
    .execute();
  // An article page asks which 专题 pick it.
  await db.schema.createIndex('topic_articles_article').on('topic_articles').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('topic_articles').execute();
  await db.schema.dropTable('topic_sections').execute();
  await db.schema.dropTable('topics').execute();
}
