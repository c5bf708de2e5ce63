import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { listColumn, listOf } from '../db/list-column.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { ArticleRow, NewArticleRow } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { extended } from '../lib/extended.js';
import { notFound } from '../lib/errors.js';
import { type MediaItem, toMediaItem } from '../media/index.js';
import { type Article, type ArticleCard, isVisibleToReaders, lastModified } from './article.js';
import { listTagsOfArticles, tagNamesColumn } from './tag-repo.js';

export const CARD_COLUMNS = [
  'id',
  'category_id',
  'title',
  'summary',
  'lead_image_id',
  'lead_image_alt',
  'origin',
  'published_at',
  'is_headline',
  'is_recommended',
  'is_pinned',
] as const;
type CardRow = Pick<ArticleRow, (typeof CARD_COLUMNS)[number]>;

/** The card columns named by table, as a join needs them. */
export const CARD_COLUMNS_OF_ARTICLES = CARD_COLUMNS.map((column) => `articles.${column}` as const);

export function toArticleCard(row: CardRow): ArticleCard {
  return {
    id: row.id,
    categoryId: row.category_id,
    title: row.title,
    summary: row.summary,
    leadImage: row.lead_image_id === null ? null : { mediaId: row.lead_image_id, alt: row.lead_image_alt ?? '' },
    origin: row.origin,
    publishedAt: toOptionalDate(row.published_at),
    flags: { headline: row.is_headline === 1, recommended: row.is_recommended === 1, pinned: row.is_pinned === 1 },
  };
}

/** An article from its row and its tags (see withTags). */
function toArticle(row: ArticleRow, tags: string[]): Article {
  return extended(toArticleCard(row), {
    tags,
    editorNote: row.editor_note,
    bodyHtml: row.body_html,
    credits: row.credits,
    reprint: {
      sourceName: row.source_name,
      sourceUrl: row.source_url,
      originalTitle: row.original_title,
      originalAuthor: row.original_author,
      responsibleEditor: row.responsible_editor,
    },
    author: row.author,
    publisherId: row.publisher_id,
    publisherIpRegion: row.publisher_ip_region,
    writerIpRegion: row.writer_ip_region,
    status: row.status,
    counts: { reads: row.read_count, likes: row.like_count, comments: row.comment_count },
    version: row.version,
    reviewLevel: row.review_level,
    statusReason: row.status_reason,
    scheduledAt: toOptionalDate(row.scheduled_at),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  } satisfies Omit<Article, keyof ArticleCard>);
}

/** Whole articles from their rows, each with its tags: one query for all of them. */
export async function withTags(db: Db, rows: ArticleRow[]): Promise<Article[]> {
  const tags = await listTagsOfArticles(db, rows.map((r) => r.id));
  return rows.map((row) => toArticle(row, tags.get(row.id) ?? []));
}

/** A new article has no tags yet: createArticle adds them after the row. */
export async function insertArticle(db: Db, row: NewArticleRow): Promise<Article> {
  const inserted = await db.insertInto('articles').values(row).returningAll().executeTakeFirstOrThrow();
  return toArticle(inserted, []);
}

/** Any article, whatever its status: for staff, and for a page to decide what a reader may see. */
export async function findArticle(db: Db, id: number): Promise<Article | undefined> {
  const [row] = await articleById(db, { id });
  return row && toArticle(row, listOf(row.tag_names));
}

/** An article's row with its tags (see tagNamesColumn). */
const articleWithTags = (db: Db) => db.selectFrom('articles').selectAll('articles').select(tagNamesColumn(db).as('tag_names'));

const articleById = preparedQuery((db, values: { id: number }) => articleWithTags(db).where('articles.id', '=', values.id));

/** An article as its page shows it: with its publisher's name, its lead image and the topics that picked it. */
export interface ArticleOfPage {
  article: Article;
  publisherName: string | undefined;
  leadImage: MediaItem | undefined;
  /** The topics whose sections picked the article by hand, published or not (see listTopicsOfArticle). */
  pickedTopicIds: number[];
}

/**
 * Any article, whatever its status, with what its page shows of other tables, in one statement: a
 * rendered page on PostgreSQL is bound by its round trips (bench/README.md).
 */
export async function findArticleOfPage(db: Db, id: number): Promise<ArticleOfPage | undefined> {
  const [row] = await articleOfPageById(db, { id });
  if (!row) return undefined;
  const { lead_id, lead_storage_key, lead_content_type, lead_width, lead_height, lead_byte_size, lead_alt_text, lead_variants } = row;
  // A lead image's columns are all set when it exists: the join found its row.
  const leadImage =
    lead_id === null
      ? undefined
      : toMediaItem({
          id: lead_id,
          storage_key: lead_storage_key!,
          content_type: lead_content_type!,
          width: lead_width!,
          height: lead_height!,
          byte_size: lead_byte_size!,
          alt_text: lead_alt_text!,
          variants: lead_variants!,
        });
  return { article: toArticle(row, listOf(row.tag_names)), publisherName: row.publisher_name ?? undefined, leadImage, pickedTopicIds: listOf(row.picked_topic_ids) };
}

const articleOfPageById = preparedQuery((db, values: { id: number }) =>
  articleWithTags(db)
    // The writer publishes, the reviewer only approves (who approved stays in the history): an imported
    // article with no staff writer shows the account that published it.
    .leftJoin('users as publisher', (join) => join.on((eb) => eb('publisher.id', '=', eb.fn.coalesce('articles.created_by', 'articles.publisher_id'))))
    .leftJoin('media as lead', 'lead.id', 'articles.lead_image_id')
    .select([
      'publisher.display_name as publisher_name',
      'lead.id as lead_id',
      'lead.storage_key as lead_storage_key',
      'lead.content_type as lead_content_type',
      'lead.width as lead_width',
      'lead.height as lead_height',
      'lead.byte_size as lead_byte_size',
      'lead.alt_text as lead_alt_text',
      'lead.variants as lead_variants',
      listColumn(
        db,
        sql<number>`topic_sections.topic_id`,
        sql`from topic_articles join topic_sections on topic_sections.id = topic_articles.section_id where topic_articles.article_id = articles.id`,
      ).as('picked_topic_ids'),
    ])
    .where('articles.id', '=', values.id),
);

/** An article readers may see; any other is NotFound, the same answer as for one that never existed. */
export async function requireVisibleArticle(db: Db, id: number, now: Date): Promise<Article> {
  const article = await findArticle(db, id);
  if (!article || !isVisibleToReaders(article, now)) throw notFound('content.article_not_found');
  return article;
}

/** Where and when a published article last changed, for sitemaps. */
export interface ArticleLocation {
  id: number;
  /** See lastModified() in article.ts. */
  lastModified: Date;
}

/** Published articles by id, one sitemap part at a time. */
export async function listArticleLocations(db: Db, now: Date, page: { offset: number; limit: number }): Promise<ArticleLocation[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'published_at', 'updated_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    lastModified: lastModified({ publishedAt: toOptionalDate(row.published_at), updatedAt: toDate(row.updated_at) }),
  }));
}

/**
 * The published articles just before and after `article` in its category, by
 * publishing time (ties broken by id), for the previous / next links.
 *
 * Each side is one row-value bound, `(published_at, id) < (at, id)`, which
 * both databases read as the end of an index range: an OR of the two
 * comparisons, or a second upper bound beside `published_at <= now`, made
 * them walk the category from one end (with 20,000 articles in it, both links
 * took 1.7–2.3 ms on SQLite and up to 5.5 ms on PostgreSQL, now 0.2 and
 * 0.7 ms; bench/related-articles.bench.ts). Before a visible article, every
 * article is visible already; before a scheduled one (a staff preview), the
 * bound is now.
 */
export async function findNeighbours(
  db: Db,
  article: Article,
  now: Date,
): Promise<{ previous: ArticleCard | undefined; next: ArticleCard | undefined }> {
  const values = { categoryId: article.categoryId, at: (article.publishedAt ?? article.createdAt).toISOString(), id: article.id, now: now.toISOString() };
  const rows = await neighbours(db, values, values.at <= values.now ? 'visible' : 'scheduled');
  const side = (name: NeighbourRow['side']) => rows.find((row) => row.side === name);
  const [previous, next] = [side('previous'), side('next')];
  return { previous: previous && toArticleCard(previous), next: next && toArticleCard(next) };
}

interface NeighbourValues {
  categoryId: number;
  at: string;
  id: number;
  now: string;
}

type NeighbourRow = CardRow & { side: 'previous' | 'next' };

/**
 * Both neighbours in one statement, each side its own index range as above: one round trip on
 * PostgreSQL instead of two. Before a scheduled article (a staff preview), the previous is the newest visible.
 */
const neighbours = preparedQuery((db, values: NeighbourValues, shape: 'visible' | 'scheduled') => {
  const inCategory = db.selectFrom('articles').select(CARD_COLUMNS).where('status', '=', 'published').where('category_id', '=', values.categoryId);
  const before =
    shape === 'visible'
      ? inCategory.where((eb) => eb(eb.refTuple('published_at', 'id'), '<', eb.tuple(values.at, values.id)))
      : inCategory.where('published_at', '<=', values.now);
  const after = inCategory
    .where('published_at', '<=', values.now)
    .where((eb) => eb(eb.refTuple('published_at', 'id'), '>', eb.tuple(values.at, values.id)));
  const previous = before.select(sql<NeighbourRow['side']>`'previous'`.as('side')).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(1);
  const next = after.select(sql<NeighbourRow['side']>`'next'`.as('side')).orderBy('published_at', 'asc').orderBy('id', 'asc').limit(1);
  // Each side as a subquery: a compound SELECT takes ORDER BY and LIMIT only for the whole.
  return db
    .selectFrom(previous.as('previous'))
    .selectAll()
    .unionAll(db.selectFrom(next.as('next')).selectAll());
});

/** Just the counters, for answers that report them right after changing one. */
export async function findArticleCounts(db: Db, id: number): Promise<Article['counts'] | undefined> {
  const row = await db.selectFrom('articles').select(['read_count', 'like_count', 'comment_count']).where('id', '=', id).executeTakeFirst();
  return row && { reads: row.read_count, likes: row.like_count, comments: row.comment_count };
}
