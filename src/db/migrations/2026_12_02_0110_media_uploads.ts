import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The files of uploads under way: recorded before the first file is written and removed in the transaction
  // that inserts the image's row, so the files of an upload cut off by a crash (no row, no clean-up) are
  // found and deleted later instead of staying in storage for good (media/uploads-in-progress.ts).
  await db.schema
    .createTable('media_uploads')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('started_at', postgres ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_uploads_started').on('media_uploads').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_uploads').execute();
}
