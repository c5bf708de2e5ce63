import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const timestamp = postgres ? 'timestamptz' : 'text';
  // 广告: an image (from the media library) or a text ad in one named slot of the pages.
  await db.schema
    .createTable('ads')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // An image deleted from the library leaves its ad without one, and an image ad without its image is not shown.
    .addColumn('media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('link_url', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('ends_at', timestamp)
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // 1: shown only on the pages of the categories in ad_categories; 0: shown everywhere in its slot.
    .addColumn('targets_categories', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ad_categories')
    .addColumn('ad_id', 'integer', (c) => c.notNull().references('ads.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('ad_categories_pk', ['ad_id', 'category_id'])
    .execute();
  // Impressions and clicks per ad and Beijing day, added to in the transaction that decided each one counts.
  await db.schema
    .createTable('ad_daily_stats')
    .addColumn('ad_id', 'integer', (c) => c.notNull().references('ads.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('impressions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ad_daily_stats_pk', ['ad_id', 'day'])
    .execute();
  // What one page view has counted: its impression of each ad shown, and at most one click on each.
  await db.schema
    .createTable('ad_view_marks')
    .addColumn('view_token', 'text', (c) => c.notNull())
    .addColumn('ad_id', 'integer', (c) => c.notNull().references('ads.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('ad_view_marks_pk', ['view_token', 'ad_id', 'kind'])
    .execute();
  // The views one address brought lately (the flood bound), and pruning by age.
  await db.schema.createIndex('ad_view_marks_ip').on('ad_view_marks').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('ad_view_marks_created').on('ad_view_marks').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ad_view_marks', 'ad_daily_stats', 'ad_categories', 'ads']) await db.schema.dropTable(table).execute();
}
