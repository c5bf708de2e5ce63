import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { plannedApart, plansByStatistics } from '../db/dialect.js';
import { paddedIds, preparedQuery, standInsOf } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import type { Article, ArticleCard } from './article.js';
import { CARD_COLUMNS_OF_ARTICLES, toArticleCard, withTags } from './article-repo.js';
import { FROM_ENTRIES, readTagList, type TagWalk } from './tag-walk.js';

/* The lists readers' pages are made of (a category's, a section's, a tag's, the home page's, the feeds'), and their counts. */

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
  /** Only these articles (a 专题 section's picks). */
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
 * SQLite refuses a compound SELECT of more than 500 parts (SQLITE_MAX_COMPOUND_SELECT), and 置顶 first
 * doubles the parts: a section with more subcategories than this is read in one part, sorted (see publishedPage).
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
 * So the page is read in parts, each one index range in its index's order:
 * 置顶 and the rest apart (articles_category_pinned_latest,
 * articles_pinned_latest), and each category of a section apart, since one
 * read of several (`category_id IN (…)`) sorts all they hold, or walks the
 * whole site's newest-first index past everything else when they are small.
 * The parts are one compound SELECT ordered as the page is, which SQLite reads
 * as a merge of the parts, each read no further than the merge needs. (Each
 * part a subquery stopped at the page's end, SQLite sorted every part again:
 * 要闻's page 300 took 2.2 ms, 0.7 ms merged.) PostgreSQL reads the list in one part
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
  const [first, ...others] = categoryParts.flatMap((categories) => pinnedParts.map((pinned) => publishedKeys(db, values, shape, { categories, pinned })));
  let page = others.reduce((union, next) => union.unionAll(next), first!);
  if (shape.pinnedFirst) page = page.orderBy('is_pinned', 'desc');
  page = page.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(values.limit).offset(values.offset);
  // Only the page's own rows are read whole; CROSS JOIN keeps SQLite from starting at the articles instead.
  let articles = db.selectFrom(page.as('page')).crossJoin('articles').whereRef('articles.id', '=', 'page.id');
  if (shape.pinnedFirst) articles = articles.orderBy('page.is_pinned', 'desc');
  return articles.orderBy('page.published_at', 'desc').orderBy('page.id', 'desc');
}

/**
 * The keys the page filters to, of these categories and pinned or not when given: what the indexes hold,
 * so each part is read from its index alone.
 */
function publishedKeys(
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
  return q;
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
  const since = tagWalk.from === 'newest' ? tagWalk.since : undefined;
  const values: PageValues = {
    now: query.now.toISOString(),
    categoryIds,
    excludeIds: paddedIds(query.excludeIds ?? []),
    onlyIds: paddedIds(query.onlyIds ?? []),
    tagId: query.tagId ?? 0,
    since: since instanceof Date ? since.toISOString() : (since ?? ''),
    publishedSince: query.publishedSince?.toISOString() ?? '',
    limit: query.limit,
    offset: query.offset ?? 0,
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
