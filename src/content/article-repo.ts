import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { plannedApart, plansByStatistics } from '../db/dialect.js';
import { paddedIds, preparedQuery, standInsOf } from '../db/prepared-query.js';
import type { ArticleRow, Database, NewArticleRow } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { notFound } from '../lib/errors.js';
import { type Article, type ArticleCard, isVisibleToReaders, lastModified } from './article.js';
import { listTagsOfArticles } from './tag-repo.js';
import { FROM_ENTRIES, readTagList, type TagWalk } from './tag-walk.js';

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
  return {
    ...toArticleCard(row),
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
  };
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

/** Any article, whatever its status: for staff, and for the page to decide what a reader may see. */
export async function findArticle(db: Db, id: number): Promise<Article | undefined> {
  const [row] = await articleById(db, { id });
  return row && (await withTags(db, [row]))[0];
}

const articleById = preparedQuery((db, values: { id: number }) => db.selectFrom('articles').selectAll().where('id', '=', values.id));

/** An article readers may see; any other is NotFound, the same answer as for one that never existed. */
export async function requireVisibleArticle(db: Db, id: number, now: Date): Promise<Article> {
  const article = await findArticle(db, id);
  if (!article || !isVisibleToReaders(article, now)) throw notFound('content.article_not_found');
  return article;
}

export interface PublishedArticleQuery {
  now: Date;
  categoryIds?: readonly number[];
  limit: number;
  offset?: number;
  /** Pinned (置顶) articles first, then newest. */
  pinnedFirst?: boolean;
  excludeIds?: readonly number[];
  onlyHeadlines?: boolean;
  onlyRecommended?: boolean;
  /** Only articles published at or after this instant (the news sitemap's last 48 hours). */
  publishedSince?: Date;
  /** Only articles carrying this tag (a tag page). */
  tagId?: number;
  /** Only these articles (those sharing tags with another, see listRelatedArticles). */
  onlyIds?: readonly number[];
}

/** What readers may see, of the given categories or tag when named, the tag's articles read as `tagWalk` says. */
function publishedIn(db: Db, now: string, filter: { categoryIds?: readonly number[]; tagId?: number }, tagWalk: TagWalk) {
  let q = filter.tagId === undefined ? db.selectFrom('articles') : tagged(db, filter.tagId, tagWalk);
  q = q.where('status', '=', 'published').where('published_at', '<=', now);
  // One category as an equality: the index range it makes is what publishedPage reads each category by.
  if (filter.categoryIds?.length === 1) q = q.where('category_id', '=', filter.categoryIds[0]!);
  else if (filter.categoryIds) q = q.where('category_id', 'in', filter.categoryIds.length ? [...filter.categoryIds] : [-1]);
  return q;
}

/** The articles carrying a tag, read as `tagWalk` says (see TagWalk). */
function tagged(db: Db, tagId: number, tagWalk: TagWalk) {
  return tagWalk.from === 'entries' ? taggedArticles(db, tagId) : carrying(db, tagId, tagWalk.since);
}

/**
 * The articles carrying a tag, read from the tag's entries in article_tags_tag, each article then by its id:
 * CROSS JOIN keeps SQLite from starting at the articles. As `id IN (the tag's articles)`, SQLite, without
 * statistics, walked the whole site newest first and checked each article against the tag, to spare itself
 * sorting the tag's few: 6.5 ms for a tag on one article in 2,000 of 60,000, now 0.03 ms; a tag on one in 60,
 * its page 50, 6.6 ms, now 0.5 ms (bench/article-lists.bench.ts). For a tag on most articles that walk
 * is the fast one, and tagWalkFor takes it (`carrying`). PostgreSQL reorders joins by its estimates, and
 * for a tag on a twentieth of the site walked it newest first whatever the join's order (an event's tag on
 * the 3,000 oldest of 60,000: 62 ms a page); the entries as a subquery with OFFSET 0, which PostgreSQL
 * plans apart, are read first (that page 8.1 ms, the bounded walk tried first included).
 *
 * Typed as a query of articles alone, which it is to every caller: the join only narrows it (an article
 * carries a tag once, article_tags_pkey), and article_tags has no column whose name articles also has, so
 * a bare column name still means the article's.
 */
function taggedArticles(db: Db, tagId: number) {
  const entries = plannedApart(db, db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId));
  const tagged = db.selectFrom(entries.as('article_tags')).crossJoin('articles').whereRef('articles.id', '=', 'article_tags.article_id');
  return tagged as unknown as SelectQueryBuilder<Database, 'articles', object>;
}

/**
 * The articles carrying a tag, published at `since` or later when given, each checked for the tag
 * (article_tags_pkey): SQLite walks the articles' index newest first, stopping at the list's end.
 */
function carrying(db: Db, tagId: number, since: Date | string | undefined) {
  let q = db
    .selectFrom('articles')
    .where((eb) =>
      eb.exists(eb.selectFrom('article_tags as carried').select('carried.tag_id').whereRef('carried.article_id', '=', 'articles.id').where('carried.tag_id', '=', tagId)),
    );
  if (since !== undefined) q = q.where('published_at', '>=', since);
  return q;
}

/**
 * SQLite refuses a compound SELECT of more than 500 parts (SQLITE_MAX_COMPOUND_SELECT); a section with
 * more subcategories than this is read in one part, sorted (see publishedPage).
 */
const MAX_CATEGORY_PARTS = 200;

/**
 * A page of what readers may see, filtered and ordered as asked, joined with
 * the articles' rows for the caller to pick the columns from.
 *
 * Every list is read in the order of an index and stopped at the page's end,
 * never sorted whole: on a site of 60,000 articles without statistics (bendi
 * never runs ANALYZE on SQLite), "置顶 first, then newest" made SQLite sort
 * every article of the categories: 30–67 ms for a category's page, 74 ms for
 * the home page's 要闻, all of it blocking the process; now 0.3–2.2 ms
 * (bench/article-lists.bench.ts).
 * So the page is read in parts, each one index range up to the page's end:
 * 置顶 and the rest apart (articles_category_pinned_latest,
 * articles_pinned_latest), and each category of a section apart, since one
 * read of several (`category_id IN (…)`) sorts all they hold, or walks the
 * whole site's newest-first index past everything else when they are small.
 * The parts are merged in the same query. PostgreSQL reads the list in one part
 * (a category's from articles_category_list, which ends with the id, so a deep page is read from it alone).
 */
function publishedPage(db: Db, values: PageValues, shape: PageShape) {
  // PostgreSQL, with the statistics autovacuum keeps, plans the whole list as one read well by itself, and
  // is slower read in parts (a section's page 100: 2.7 ms as one read, 13 ms in parts).
  const inParts = !plansByStatistics(db);
  const categoryIds = shape.categories === null ? undefined : standInsOf(values.categoryIds, shape.categories);
  const inCategoryParts = inParts && categoryIds !== undefined && categoryIds.length > 0 && categoryIds.length <= MAX_CATEGORY_PARTS;
  const categoryParts = inCategoryParts ? categoryIds.map((id) => [id]) : [categoryIds];
  const pinnedParts = inParts && shape.pinnedFirst ? ([1, 0] as const) : [undefined];
  const [first, ...others] = categoryParts.flatMap((categories) =>
    pinnedParts.map((pinned) => db.selectFrom(newestKeys(db, values, shape, { categories, pinned }).limit(values.partLimit).as('part')).selectAll()),
  );
  const merged = others.reduce((union, next) => union.unionAll(next), first!);
  let page = db.selectFrom(merged.as('merged')).selectAll();
  if (shape.pinnedFirst) page = page.orderBy('merged.is_pinned', 'desc');
  page = page.orderBy('merged.published_at', 'desc').orderBy('merged.id', 'desc').limit(values.limit).offset(values.offset);
  // Only the page's own rows are read whole; CROSS JOIN keeps SQLite from starting at the articles instead.
  let articles = db.selectFrom(page.as('page')).crossJoin('articles').whereRef('articles.id', '=', 'page.id');
  if (shape.pinnedFirst) articles = articles.orderBy('page.is_pinned', 'desc');
  return articles.orderBy('page.published_at', 'desc').orderBy('page.id', 'desc');
}

/**
 * The keys the page filters to, of these categories and pinned or not when given, newest first: what the
 * indexes hold, so each part is read from its index alone.
 */
function newestKeys(
  db: Db,
  values: PageValues,
  shape: PageShape,
  { categories, pinned }: { categories: readonly number[] | undefined; pinned: 0 | 1 | undefined },
) {
  const tagWalk: TagWalk = shape.tag === 'newest' || shape.tag === 'newest-since' ? { from: 'newest', since: shape.tag === 'newest-since' ? values.since : undefined } : FROM_ENTRIES;
  const tagId = shape.tag === 'none' ? undefined : values.tagId;
  let q = publishedIn(db, values.now, { categoryIds: categories, tagId }, tagWalk).select(['id', 'is_pinned', 'published_at']);
  if (pinned !== undefined) q = q.where('is_pinned', '=', pinned);
  if (shape.excluded > 0) q = q.where('id', 'not in', standInsOf(values.excludeIds, shape.excluded));
  if (shape.only !== null) q = q.where('id', 'in', shape.only > 0 ? standInsOf(values.onlyIds, shape.only) : [-1]);
  if (shape.headlines) q = q.where('is_headline', '=', 1);
  if (shape.recommended) q = q.where('is_recommended', '=', 1);
  if (shape.publishedSince) q = q.where('published_at', '>=', values.publishedSince);
  // Read in one part, 置顶 must come first in it too: the part stops at the page's end.
  if (shape.pinnedFirst && pinned === undefined) q = q.orderBy('is_pinned', 'desc');
  return q.orderBy('published_at', 'desc').orderBy('id', 'desc');
}

/** A PublishedArticleQuery's values, as the prepared page queries take them (see pageOf). */
interface PageValues {
  now: string;
  categoryIds: number[];
  excludeIds: number[];
  onlyIds: number[];
  tagId: number;
  /** The tag walk's oldest publication time (see TagWalk). */
  since: string;
  publishedSince: string;
  /** Where each part stops: the page's end. */
  partLimit: number;
  limit: number;
  offset: number;
}

/** What decides a page query's SQL: which filters it has and how long its lists are. */
interface PageShape {
  /** How many categories, null for none named. */
  categories: number | null;
  pinnedFirst: boolean;
  excluded: number;
  /** How many articles it is limited to, null for no such limit. */
  only: number | null;
  headlines: boolean;
  recommended: boolean;
  publishedSince: boolean;
  tag: 'none' | 'entries' | 'newest' | 'newest-since';
}

/**
 * `query` read as `tagWalk` says, as values and a shape for the prepared page queries: a list page is
 * built and compiled once per shape, not on every call (see preparedQuery).
 */
function pageOf(query: PublishedArticleQuery, tagWalk: TagWalk): { values: PageValues; shape: string } {
  const categoryIds = query.categoryIds ? [...new Set(query.categoryIds)] : [];
  const offset = query.offset ?? 0;
  const since = tagWalk.from === 'newest' ? tagWalk.since : undefined;
  const values: PageValues = {
    now: query.now.toISOString(),
    categoryIds,
    excludeIds: paddedIds(query.excludeIds ?? []),
    onlyIds: paddedIds(query.onlyIds ?? []),
    tagId: query.tagId ?? 0,
    since: since instanceof Date ? since.toISOString() : (since ?? ''),
    publishedSince: query.publishedSince?.toISOString() ?? '',
    partLimit: offset + query.limit,
    limit: query.limit,
    offset,
  };
  const shape: PageShape = {
    categories: query.categoryIds ? categoryIds.length : null,
    pinnedFirst: query.pinnedFirst === true,
    excluded: values.excludeIds.length,
    only: query.onlyIds ? values.onlyIds.length : null,
    headlines: query.onlyHeadlines === true,
    recommended: query.onlyRecommended === true,
    publishedSince: query.publishedSince !== undefined,
    tag: query.tagId === undefined ? 'none' : tagWalk.from === 'entries' ? 'entries' : since === undefined ? 'newest' : 'newest-since',
  };
  return { values, shape: JSON.stringify(shape) };
}

const pageOfShape = (db: Db, values: PageValues, shape: string) => publishedPage(db, values, JSON.parse(shape) as PageShape);
const cardsPage = preparedQuery((db, values: PageValues, shape: string) => pageOfShape(db, values, shape).select(CARD_COLUMNS_OF_ARTICLES));
const wholePage = preparedQuery((db, values: PageValues, shape: string) => pageOfShape(db, values, shape).selectAll('articles'));

/** `query`'s page as `page` (cardsPage or wholePage) selects it, read as tagWalkFor says. */
function readPage<Row>(db: Db, query: PublishedArticleQuery, page: (db: Db, values: PageValues, shape: string) => Promise<Row[]>): Promise<Row[]> {
  return readTagList(db, query, (walk) => {
    const { values, shape } = pageOf(query, walk);
    return page(db, values, shape);
  });
}

export async function listPublishedArticles(db: Db, query: PublishedArticleQuery): Promise<ArticleCard[]> {
  return (await readPage(db, query, cardsPage)).map(toArticleCard);
}

/** Whole articles, body included, as listPublishedArticles lists them: for feeds, which carry the text. */
export async function listPublishedArticlesWithBody(db: Db, query: PublishedArticleQuery): Promise<Article[]> {
  return withTags(db, await readPage(db, query, wholePage));
}

/**
 * Published articles, of the given categories or tag when named; counted no further than `atMost` when
 * given, which bounds the work as well as the number (a tag's from its entries, about 1.3 µs each).
 */
export async function countPublishedArticles(
  db: Db,
  now: Date,
  filter: { categoryIds?: readonly number[]; tagId?: number } = {},
  atMost?: number,
): Promise<number> {
  const published = publishedIn(db, now.toISOString(), filter, plansByStatistics(db) ? EACH_CHECKED : FROM_ENTRIES);
  if (atMost === undefined) return countRows(published);
  return countRows(db.selectFrom(published.select('articles.id').limit(atMost).as('counted')));
}

/**
 * Each article checked for the tag (an EXISTS), without a bound: for a count, in no order, PostgreSQL
 * plans that best by itself, either way round (0.5–1.8 ms for every tag of bench/article-lists.bench.ts;
 * from the tag's entries, 本地's took 2.8 ms).
 */
const EACH_CHECKED: TagWalk = { from: 'newest', since: undefined };

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
