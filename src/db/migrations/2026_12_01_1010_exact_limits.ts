import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // The address a read was counted from, so invented visitor cookies from one address count only so often.
  await db.schema.alterTable('article_read_marks').addColumn('ip', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('article_read_marks_ip').on('article_read_marks').columns(['ip', 'counted_at']).execute();
  // The time step of the last TOTP code accepted for each account, so no code works twice.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
  await db.schema.dropIndex('article_read_marks_ip').execute();
  await db.schema.alterTable('article_read_marks').dropColumn('ip').execute();
}
