import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // When each reader changed their nickname in the last day, so renames can be limited per reader.
  await db.schema
    .createTable('nickname_changes')
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('changed_at', postgres ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nickname_changes_reader').on('nickname_changes').columns(['reader_id', 'changed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('nickname_changes').execute();
}
