import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // What each instance's in-memory copy of shared data (the compiled lexicon) is compared against: a name's
  // version goes up in the transaction that changes the data, so an instance asks one small row whether its
  // copy is current instead of reading the data again.
  await db.schema
    .createTable('data_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_versions').execute();
}
