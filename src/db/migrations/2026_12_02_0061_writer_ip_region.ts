import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  // The writer's IP属地, recorded when the article is written and again when its writer submits it:
  // the article is the writer's post (互联网用户账号信息管理规定 art. 12), not the approving reviewer's.
  await db.schema.alterTable('articles').addColumn('writer_ip_region', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('writer_ip_region').execute();
}
