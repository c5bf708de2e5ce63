import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // One report per reader and comment, enforced by the database so concurrent reports cannot count twice.
  await db.schema.createIndex('comment_reports_once').on('comment_reports').columns(['comment_id', 'reader_id']).unique().execute();
  // The moderation queue's 被举报 tab looks for unresolved reports of each comment.
  await db.schema.createIndex('comment_reports_open').on('comment_reports').columns(['comment_id', 'resolved_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comment_reports_open').execute();
  await db.schema.dropIndex('comment_reports_once').execute();
}
