import { type Kysely, sql } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

/** The keys of this site's images in a sanitized body (the sanitizer always writes src="…" in double quotes). */
function bodyMediaKeys(bodyHtml: string): string[] {
  return [...bodyHtml.matchAll(/<img\b[^>]*?\ssrc="\/media\/([^"]+)"/g)].map((m) => m[1]!);
}

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('file_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await db.schema.createIndex('media_uploaded_by').on('media').column('uploaded_by').execute();

  // Uploads before this kept no file name: the stored name is the best there is, and still searchable.
  await db
    .updateTable('media')
    .set({ file_name: sql`substr(storage_key, 9)` })
    .execute();
  // Who uploaded each image is in the audit log.
  await db
    .updateTable('media')
    .set({
      uploaded_by: sql`(select a.actor_id from audit_log a join users u on u.id = a.actor_id
        where a.action = 'media.upload' and a.target_type = 'media' and a.target_id = cast(media.id as text) order by a.id limit 1)`,
    })
    .execute();

  // Where each image is used, kept as articles are saved: the library shows it and refuses to delete
  // an image in use with one indexed read, where searching every body with LIKE '%key%' would read them all.
  // An image in use cannot be deleted even by a delete racing an article's save (restrict).
  await db.schema
    .createTable('media_uses')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('restrict'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_uses_pk', ['media_id', 'article_id', 'place'])
    .execute();
  await db.schema.createIndex('media_uses_article').on('media_uses').column('article_id').execute();

  for (let after = 0; ; ) {
    const articles: Array<{ id: number; lead_image_id: number | null; body_html: string }> = await db
      .selectFrom('articles')
      .select(['id', 'lead_image_id', 'body_html'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (articles.length === 0) break;
    after = articles[articles.length - 1]!.id;
    const keys = [...new Set(articles.flatMap((a) => bodyMediaKeys(a.body_html)))];
    const media: Array<{ id: number; storage_key: string }> =
      keys.length === 0 ? [] : await db.selectFrom('media').select(['id', 'storage_key']).where('storage_key', 'in', keys).execute();
    const idByKey = new Map(media.map((m) => [m.storage_key, m.id]));
    const rows = articles.flatMap((a) => [
      ...(a.lead_image_id === null ? [] : [{ media_id: a.lead_image_id, article_id: a.id, place: 'lead' }]),
      ...[...new Set(bodyMediaKeys(a.body_html).map((key) => idByKey.get(key)))]
        .filter((id): id is number => id !== undefined)
        .map((id) => ({ media_id: id, article_id: a.id, place: 'body' })),
    ]);
    if (rows.length > 0) await db.insertInto('media_uses').values(rows).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_uses').execute();
  await db.schema.dropIndex('media_uploaded_by').execute();
  await db.schema.alterTable('media').dropColumn('uploaded_by').execute();
  await db.schema.alterTable('media').dropColumn('file_name').execute();
}
