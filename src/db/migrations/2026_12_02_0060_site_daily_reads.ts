import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // The whole site's reads per Beijing day, written with article_daily_reads in the same transaction,
  // so the dashboard's 30 days are 30 rows instead of a sum over every article read in them.
  await db.schema
    .createTable('site_daily_reads')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('reads', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('site_daily_reads')
    .columns(['day', 'reads'])
    .expression((eb) => eb.selectFrom('article_daily_reads').select(['day', (s) => s.fn.sum('reads').as('reads')]).groupBy('day'))
    .execute();
  // A day's most read articles from the top of the index, for the week's ranking; it also covers
  // any sum over a range of days, which is all the older (day, article_id, reads) index served.
  await db.schema.dropIndex('article_daily_reads_day').execute();
  await db.schema.createIndex('article_daily_reads_day_reads').on('article_daily_reads').columns(['day', 'reads', 'article_id']).execute();
  // Articles published per writer and week, counted from the index alone.
  await db.schema.createIndex('articles_status_published_writer').on('articles').columns(['status', 'published_at', 'created_by']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_status_published_writer').execute();
  await db.schema.dropIndex('article_daily_reads_day_reads').execute();
  await db.schema.createIndex('article_daily_reads_day').on('article_daily_reads').columns(['day', 'article_id', 'reads']).execute();
  await db.schema.dropTable('site_daily_reads').execute();
}
