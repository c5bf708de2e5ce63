import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { auditActor, editableStatuses, type StaffActor } from '../content/index.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/constraint-errors.js';
import { conflict, forbidden, notFound } from '../lib/errors.js';
import { lockIntroImages } from '../media/index.js';
import type { Topic } from './topic.js';
import { prepareTopicFields, type TopicFields } from './topic-fields.js';
import { findTopic, replaceSections } from './topic-repo.js';

/** A new 专题 is a draft until submitted for review, like an article. */
export type NewTopicFields = Pick<TopicFields, 'slug' | 'title' | 'introHtml'> & Partial<TopicFields>;
/** The slug is part of a public URL, which is permanent: it is chosen once, at creation. */
export type TopicChanges = Partial<Omit<TopicFields, 'slug'>>;

/**
 * Creates a draft 专题. Throws Forbidden for a role that may not create
 * articles, Conflict('topics.slug_taken'), and the Invalid errors of
 * prepareTopicFields.
 */
export async function createTopic(db: Db, fields: NewTopicFields, actor: StaffActor, now: Date): Promise<Topic> {
  if (!can(actor.user.role, 'article.create')) throw forbidden('auth.forbidden');
  const { columns, sections } = await prepareTopicFields(db, { sections: [], ...fields });
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('topics')
        .values({
          slug: columns.slug!,
          title: columns.title!,
          intro_html: columns.intro_html!,
          banner_media_id: columns.banner_media_id ?? null,
          banner_alt: columns.banner_alt ?? null,
          position: columns.position ?? 0,
          show_on_home: columns.show_on_home ?? 0,
          status: 'draft',
          created_by: actor.user.id,
          updated_by: actor.user.id,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceSections(trx, id, sections ?? []);
      await lockIntroImages(trx, columns.intro_html!);
      await recordAudit(trx, { actor: auditActor(actor), action: 'topic.create', targetType: 'topic', targetId: id, details: { title: columns.title } }, now);
      return (await findTopic(trx, id))!;
    });
  } catch (error) {
    // Two editors choosing one slug at once: the unique index decides, the second hears why.
    if (isUniqueViolation(error)) throw conflict('topics.slug_taken', { field: 'slug' });
    throw error;
  }
}

/**
 * Changes a 专题's fields (sections are replaced whole when given). Editors
 * may edit until publication, reviewers and admins at any time, as with
 * articles; every edit bumps the version, so an approval names what it read.
 * Throws NotFound, Forbidden('topics.not_editable'), Conflict('topics.changed')
 * when its status moved meanwhile, and the Invalid errors of prepareTopicFields.
 */
export async function updateTopic(db: Db, id: number, changes: TopicChanges, actor: StaffActor, now: Date): Promise<Topic> {
  if (!can(actor.user.role, 'article.edit')) throw forbidden('auth.forbidden');
  const { columns, sections } = await prepareTopicFields(db, changes);
  return db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, id);
    if (!topic) throw notFound('topics.not_found');
    if (!editableStatuses(can(actor.user.role, 'article.review')).includes(topic.status)) throw forbidden('topics.not_editable', { status: topic.status });
    const result = await trx
      .updateTable('topics')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_by: actor.user.id, updated_at: now.toISOString() }))
      .where('id', '=', id)
      // An approval committed since the read above would otherwise publish one text and show readers this one.
      .where('status', '=', topic.status)
      .where('version', '=', topic.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('topics.changed');
    if (sections) await replaceSections(trx, id, sections);
    if (columns.intro_html !== undefined) await lockIntroImages(trx, columns.intro_html);
    await recordAudit(trx, { actor: auditActor(actor), action: 'topic.update', targetType: 'topic', targetId: id, details: { fields: Object.keys(changes) } }, now);
    return (await findTopic(trx, id))!;
  });
}

/**
 * Deletes a 专题 that was never published (one that was is withdrawn
 * instead, so its address keeps answering honestly). Editors delete their
 * own; reviewers and admins anyone's.
 */
export async function deleteTopic(db: Db, id: number, actor: StaffActor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const topic = await findTopic(trx, id);
    if (!topic) throw notFound('topics.not_found');
    if (topic.publishedAt !== null) throw conflict('content.not_a_draft');
    if (topic.createdBy !== actor.user.id && !can(actor.user.role, 'article.review')) throw forbidden('content.not_your_draft');
    await trx.deleteFrom('topics').where('id', '=', id).execute();
    await recordAudit(trx, { actor: auditActor(actor), action: 'topic.delete', targetType: 'topic', targetId: id, details: { slug: topic.slug, title: topic.title } }, now);
  });
}
