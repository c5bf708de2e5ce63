import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The files of deleted images that storage has not removed yet. Recorded in the transaction that deletes
  // the image's row and forgotten once the file's delete succeeded, so a store that was unreachable then
  // does not leave the file public for good; each instance retries what is left (media/pending-deletes.ts).
  await db.schema
    .createTable('pending_media_deletes')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('next_attempt_at', postgres ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_media_deletes_due').on('pending_media_deletes').column('next_attempt_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_media_deletes').execute();
}
