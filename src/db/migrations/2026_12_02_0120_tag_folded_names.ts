import type { Kysely } from 'kysely';

// Frozen: this file must keep producing the same schema. It imports nothing from the app.

/** A tag's identity: NFC and lower case, so NBA and nba, or Café typed two ways, are one tag (the app's foldTagName). */
const fold = (name: string) => name.normalize('NFC').toLowerCase();

export async function up(db: Kysely<any>): Promise<void> {
  // Null allowed: during a rolling deploy the instances still on the old version insert tags without it (see
  // docs/deploy.md §7), and the new version finds those by their exact name.
  await db.schema.alterTable('tags').addColumn('folded', 'text').execute();
  await db.schema.alterTable('topic_sections').addColumn('tag_folded', 'text').execute();

  // Tags that differ only in case were separate tags, each with its own page: they become the oldest of them
  // (its spelling is kept), and an article that carried two of them keeps the one at its first position.
  const tags: Array<{ id: number; name: string }> = await db.selectFrom('tags').select(['id', 'name']).orderBy('id').execute();
  const kept = new Map<string, number>();
  for (const tag of tags) {
    const folded = fold(tag.name);
    const keptId = kept.get(folded);
    if (keptId === undefined) {
      kept.set(folded, tag.id);
      await db.updateTable('tags').set({ folded }).where('id', '=', tag.id).execute();
      continue;
    }
    const carriers: Array<{ article_id: number; position: number }> = await db
      .selectFrom('article_tags')
      .select(['article_id', 'position'])
      .where('tag_id', '=', tag.id)
      .execute();
    for (const { article_id, position } of carriers) {
      const existing = await db.selectFrom('article_tags').select('position').where('article_id', '=', article_id).where('tag_id', '=', keptId).executeTakeFirst();
      if (existing === undefined) {
        await db.updateTable('article_tags').set({ tag_id: keptId }).where('article_id', '=', article_id).where('tag_id', '=', tag.id).execute();
      } else {
        if (position < existing.position) {
          await db.updateTable('article_tags').set({ position }).where('article_id', '=', article_id).where('tag_id', '=', keptId).execute();
        }
        await db.deleteFrom('article_tags').where('article_id', '=', article_id).where('tag_id', '=', tag.id).execute();
      }
    }
    await db.deleteFrom('tags').where('id', '=', tag.id).execute();
  }
  await db.schema.createIndex('tags_folded').on('tags').column('folded').unique().execute();

  const sections: Array<{ id: number; tag_name: string }> = await db.selectFrom('topic_sections').select(['id', 'tag_name']).where('tag_name', 'is not', null).execute();
  for (const section of sections) await db.updateTable('topic_sections').set({ tag_folded: fold(section.tag_name) }).where('id', '=', section.id).execute();
  await db.schema.createIndex('topic_sections_tag_folded').on('topic_sections').column('tag_folded').execute();
}

/** Lossy: tags merged by up() stay merged, spelled as the kept one. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('topic_sections_tag_folded').execute();
  await db.schema.alterTable('topic_sections').dropColumn('tag_folded').execute();
  await db.schema.dropIndex('tags_folded').execute();
  await db.schema.alterTable('tags').dropColumn('folded').execute();
}
