import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // Reads per article and Beijing day, kept beside articles.read_count (written in the same
  // transaction), so the dashboard sums a month of days instead of scanning single reads.
  await db.schema
    .createTable('article_daily_reads')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_daily_reads_pk', ['article_id', 'day'])
    .execute();
  // Covers "reads per day" and "most read this week" without touching the table itself.
  await db.schema.createIndex('article_daily_reads_day').on('article_daily_reads').columns(['day', 'article_id', 'reads']).execute();
  // The dashboard and the monthly governance report count these by time.
  await db.schema.createIndex('lexicon_hits_created').on('lexicon_hits').columns(['created_at', 'term']).execute();
  await db.schema.createIndex('comment_reports_resolved').on('comment_reports').column('resolved_at').execute();
  await db.schema.createIndex('comments_created').on('comments').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['comments_created', 'comment_reports_resolved', 'lexicon_hits_created']) await db.schema.dropIndex(index).execute();
  await db.schema.dropTable('article_daily_reads').execute();
}
