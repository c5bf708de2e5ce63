import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { preparedByIds } from '../db/prepared-query.js';
import type { TopicTable } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { extended } from '../lib/extended.js';
import type { Topic, TopicCard, TopicSection } from './topic.js';
import { foldTagName, type HoldShared } from '../content/index.js';

type TopicRow = Selectable<TopicTable>;

function toTopicCard(row: TopicRow): TopicCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    banner: row.banner_media_id === null ? null : { mediaId: row.banner_media_id, alt: row.banner_alt ?? '' },
    position: row.position,
    publishedAt: toOptionalDate(row.published_at),
    updatedAt: toDate(row.updated_at),
  };
}

function toTopic(row: TopicRow, sections: TopicSection[]): Topic {
  return extended(toTopicCard(row), {
    introHtml: row.intro_html,
    showOnHome: row.show_on_home === 1,
    status: row.status,
    statusReason: row.status_reason,
    version: row.version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: toDate(row.created_at),
    sections,
  } satisfies Omit<Topic, keyof TopicCard>);
}

/** Each topic's sections in page order, with their hand-picked article ids in the editor's order. */
async function listSections(db: Db, topicIds: readonly number[]): Promise<Map<number, TopicSection[]>> {
  const byTopic = new Map<number, TopicSection[]>(topicIds.map((id) => [id, []]));
  if (topicIds.length === 0) return byTopic;
  const sections = await db.selectFrom('topic_sections').selectAll().where('topic_id', 'in', [...topicIds]).orderBy('topic_id').orderBy('position').execute();
  const picks = sections.length
    ? await db.selectFrom('topic_articles').selectAll().where('section_id', 'in', sections.map((s) => s.id)).orderBy('section_id').orderBy('position').execute()
    : [];
  for (const s of sections) {
    const articleIds = picks.filter((p) => p.section_id === s.id).map((p) => p.article_id);
    byTopic.get(s.topic_id)?.push({ title: s.title, articleIds, tag: s.tag_name, tagLimit: s.tag_limit });
  }
  return byTopic;
}

async function withSections(db: Db, rows: TopicRow[]): Promise<Topic[]> {
  const sections = await listSections(db, rows.map((r) => r.id));
  return rows.map((row) => toTopic(row, sections.get(row.id) ?? []));
}

/** Any topic, whatever its status: for staff, and for the page to decide what a reader may see. */
export async function findTopic(db: Db, id: number): Promise<Topic | undefined> {
  const row = await db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withSections(db, [row]))[0];
}

export async function findTopicBySlug(db: Db, slug: string): Promise<Topic | undefined> {
  const row = await db.selectFrom('topics').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && (await withSections(db, [row]))[0];
}

/** Replaces a topic's sections and picks with `sections`, in the caller's transaction. */
export async function replaceSections(db: Db, topicId: number, sections: readonly TopicSection[]): Promise<void> {
  // Picks go with their sections (ON DELETE CASCADE).
  await db.deleteFrom('topic_sections').where('topic_id', '=', topicId).execute();
  for (const [position, section] of sections.entries()) {
    const { id } = await db
      .insertInto('topic_sections')
      .values({
        topic_id: topicId,
        position,
        title: section.title,
        tag_name: section.tag,
        tag_folded: section.tag === null ? null : foldTagName(section.tag),
        tag_limit: section.tagLimit,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (section.articleIds.length === 0) continue;
    await db
      .insertInto('topic_articles')
      .values(section.articleIds.map((articleId, i) => ({ section_id: id, article_id: articleId, position: i })))
      .execute();
  }
}

/** Topics for staff, in their order among 专题, of one status when named. */
export async function listTopicsForStaff(db: Db, filter: { status?: Topic['status'] } = {}): Promise<Topic[]> {
  let q = db.selectFrom('topics').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return withSections(db, await q.orderBy('position').orderBy('id', 'desc').execute());
}

/** Published topics readers may see, in their order among 专题. */
export async function listPublishedTopics(db: Db, now: Date, filter: { onHome?: boolean; limit?: number } = {}): Promise<TopicCard[]> {
  let q = db.selectFrom('topics').selectAll().where('status', '=', 'published').where('published_at', '<=', now.toISOString());
  if (filter.onHome) q = q.where('show_on_home', '=', 1);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  const rows = await q.orderBy('position').orderBy('id', 'desc').execute();
  return rows.map(toTopicCard);
}

/** Which published topics gather each tag into a section, by folded tag name (see foldTagName). */
type TagSectionTopics = ReadonlyMap<string, readonly number[]>;

/**
 * The sections that gather a tag, of published topics: a few rows on any site, which article pages hold
 * with the page cache's shared data (listTopicsOfArticle's `hold`) instead of asking for them on every rendered page.
 * Staff change topics through the admin, whose every change drops what is held; `npx bendi import bendi`
 * into a serving site does not, and its topics reach tagged articles when the held rows expire
 * (PAGE_CACHE_SECONDS), as its articles reach the kept pages.
 */
async function loadTagSectionTopics(db: Db): Promise<TagSectionTopics> {
  const rows = await db
    .selectFrom('topic_sections')
    .innerJoin('topics', 'topics.id', 'topic_sections.topic_id')
    .select(['topic_sections.tag_folded', 'topic_sections.topic_id'])
    .where('topics.status', '=', 'published')
    .where('topic_sections.tag_folded', 'is not', null)
    .$narrowType<{ tag_folded: string }>()
    .execute();
  const topics = new Map<string, number[]>();
  for (const { tag_folded, topic_id } of rows) {
    const ids = topics.get(tag_folded);
    if (ids) ids.push(topic_id);
    else topics.set(tag_folded, [topic_id]);
  }
  return topics;
}

/**
 * Published topics that show an article: those that picked it by hand
 * (`pickedTopicIds`, read with the article), and those with a section of one
 * of its tags. Readers follow these from the article page, so only published
 * ones count. Most articles are in none, which then costs no query at all.
 */
export async function listTopicsOfArticle(
  db: Db,
  article: { tags: readonly string[]; pickedTopicIds: readonly number[] },
  now: Date,
  hold: HoldShared,
): Promise<TopicCard[]> {
  const tagSectionTopics = await hold('tag-section-topics', () => loadTagSectionTopics(db));
  const ids = [...article.pickedTopicIds, ...article.tags.flatMap((tag) => tagSectionTopics.get(foldTagName(tag)) ?? [])];
  if (ids.length === 0) return [];
  return (await publishedTopicsByIds(db, { now: now.toISOString() }, ids)).map(toTopicCard);
}

const publishedTopicsByIds = preparedByIds((db, values: { now: string }, ids) =>
  db
    .selectFrom('topics')
    .selectAll()
    .where('status', '=', 'published')
    .where('published_at', '<=', values.now)
    .where('id', 'in', ids)
    .orderBy('position')
    .orderBy('id', 'desc'),
);

/** Titles and statuses of the articles a topic's sections picked, for its editor (staff see every status). */
export async function listPickedArticles(db: Db, topic: Pick<Topic, 'sections'>): Promise<Map<number, { title: string; status: Topic['status'] }>> {
  const ids = [...new Set(topic.sections.flatMap((s) => s.articleIds))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'title', 'status']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, status: r.status }]));
}
