import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // Batches of read counts taken from Redis and added to the articles, by id, so a batch that an
  // instance applied but could not remove from Redis (it crashed in between) is never added twice.
  await db.schema
    .createTable('counter_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('counter_batches').execute();
}
