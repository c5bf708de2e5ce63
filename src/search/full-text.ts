import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { databaseKind } from '../db/dialect.js';

/** An article's segmented text: words separated by spaces (see segmentForIndex). */
export interface IndexedText {
  title: string;
  summary: string;
  body: string;
}

export interface CandidateQuery {
  /** Segmented query words, letters and digits only; all must match. */
  words: string[];
  now: Date;
  categoryIds?: readonly number[];
  /** Published at or after. */
  from?: Date;
  /** Published before. */
  before?: Date;
  limit: number;
  offset: number;
}

export interface RankedIds {
  ids: number[];
  /** Matches ranked, at most MAX_RANKED: the rest are older (see below). */
  total: number;
}

/**
 * A word found in nearly every article (的, 县) would make every search rank the
 * whole corpus. Only the newest MAX_RANKED matches (by id, which follows
 * creation) are ranked: nobody pages past fifty pages, and a reader wanting
 * older news narrows the date range. This keeps a query's cost bounded
 * whatever it asks for.
 */
export const MAX_RANKED = 500;

/** Relevance falls to half for an article 30 days old, a third at 60: local news goes stale. */
const FRESHNESS_DAYS = 30;

/** An article with every word of the query in its title weighs this many times one with them in its body only. */
const TITLE_WEIGHT = 10;
/** The same for the summary (which holds the tags too). */
const SUMMARY_WEIGHT = 4;

/**
 * The full-text machinery of each database over the same segmented text.
 * SQLite: FTS5 with a column each for title, summary and body. PostgreSQL: a
 * tsvector with the 'simple' configuration (no stemming or stop words: the
 * words are already cut), title weight A, summary B, body D. Both rank alike:
 * the best place holding all the words (title, summary or body: TITLE_WEIGHT,
 * SUMMARY_WEIGHT, 1) times freshness.
 */
interface FullTextIndex {
  put(db: Db, articleId: number, text: IndexedText): Promise<void>;
  remove(db: Db, articleId: number): Promise<void>;
  rank(db: Db, query: CandidateQuery): Promise<RankedIds>;
  /** Published articles after `afterId` with no entry yet, in id order: those published before the index existed. */
  listMissing(db: Db, afterId: number, limit: number): Promise<number[]>;
}

const sqliteIndex: FullTextIndex = {
  async put(db, articleId, text) {
    await sql`delete from article_search where rowid = ${articleId}`.execute(db);
    await sql`insert into article_search (rowid, title, summary, body) values (${articleId}, ${text.title}, ${text.summary}, ${text.body})`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from article_search where rowid = ${articleId}`.execute(db);
  },
  async rank(db, query) {
    // Each word quoted: FTS5 then reads it as a plain string, never as NEAR, OR, NOT or a prefix.
    const match = query.words.map((word) => `"${word}"`).join(' ');
    const inColumn = (column: string) => `{${column}} : (${match})`;
    const now = query.now.toISOString();
    const ids = await idRange(db, query);
    if (ids === null) return { ids: [], total: 0 };
    // Not bm25: its first call counts the documents holding each word over the whole index (every
    // article for 青溪, 30 ms and more), to weigh rare words above common ones, which tells nothing here
    // where every match holds every word. Whether the title or the summary holds them all is found by
    // two more matches over the candidates' ids only.
    const result = await sql<{ id: number; total: number }>`
      with matches as materialized (
        select s.rowid as id, a.published_at as published_at
        -- CROSS JOIN keeps the full-text match as the outer loop, newest first: a plain join let SQLite
        -- walk every published article and run the match once for each (seconds on 100,000 articles).
        from article_search s cross join articles a on a.id = s.rowid
        where article_search match ${match} and ${within(ids, sql`s.rowid`)} and ${visible(query)}
        order by s.rowid desc
        limit ${MAX_RANKED}
      ),
      oldest as (select min(id) as id from matches),
      in_title as (select rowid as id from article_search where article_search match ${inColumn('title')} and rowid >= (select id from oldest)),
      in_summary as (select rowid as id from article_search where article_search match ${inColumn('summary')} and rowid >= (select id from oldest))
      select id, count(*) over () as total from matches
      order by case when id in in_title then ${TITLE_WEIGHT} when id in in_summary then ${SUMMARY_WEIGHT} else 1 end
        * ${FRESHNESS_DAYS} / (${FRESHNESS_DAYS} + max(0, julianday(${now}) - julianday(published_at))) desc, id desc
      limit ${query.limit} offset ${query.offset}`.execute(db);
    return ranked(result.rows);
  },
  async listMissing(db, afterId, limit) {
    const result = await sql<{ id: number }>`select id from articles where status = 'published' and id > ${afterId}
      and id not in (select rowid from article_search) order by id limit ${limit}`.execute(db);
    return result.rows.map((r) => r.id);
  },
};

const postgresIndex: FullTextIndex = {
  async put(db, articleId, text) {
    const document = sql`setweight(to_tsvector('simple', ${text.title}), 'A') || setweight(to_tsvector('simple', ${text.summary}), 'B') || setweight(to_tsvector('simple', ${text.body}), 'D')`;
    await sql`insert into article_search (article_id, document) values (${articleId}, ${document})
      on conflict (article_id) do update set document = excluded.document`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from article_search where article_id = ${articleId}`.execute(db);
  },
  async rank(db, query) {
    const words = query.words.join(' ');
    const ids = await idRange(db, query);
    if (ids === null) return { ids: [], total: 0 };
    // plainto_tsquery ANDs the words and reads no operators (&, |, !, :*) in them.
    const matching = sql`plainto_tsquery('simple', ${words})`;
    // ts_filter keeps the words of one weight: the title's (A) or the summary's (B).
    const result = await sql<{ id: number; total: string }>`
      with matches as (
        select s.article_id as id, s.document, a.published_at
        from article_search s join articles a on a.id = s.article_id
        where s.document @@ ${matching} and ${within(ids, sql`s.article_id`)} and ${visible(query)}
        order by s.article_id desc
        limit ${MAX_RANKED}
      )
      select id, count(*) over () as total from matches
      order by case when ts_filter(document, '{a}') @@ ${matching} then ${TITLE_WEIGHT} when ts_filter(document, '{b}') @@ ${matching} then ${SUMMARY_WEIGHT} else 1 end
        * ${FRESHNESS_DAYS} / (${FRESHNESS_DAYS} + greatest(0, extract(epoch from (${query.now}::timestamptz - published_at)) / 86400)) desc, id desc
      limit ${query.limit} offset ${query.offset}`.execute(db);
    return ranked(result.rows);
  },
  async listMissing(db, afterId, limit) {
    const result = await sql<{ id: number }>`select id from articles a where status = 'published' and id > ${afterId}
      and not exists (select 1 from article_search s where s.article_id = a.id) order by id limit ${limit}`.execute(db);
    return result.rows.map((r) => r.id);
  },
};

/** Only what readers may see (published, its time come), within the reader's filters. Written for the alias `a` of articles. */
function visible(query: CandidateQuery) {
  const conditions = [sql`a.status = 'published'`, sql`a.published_at <= ${timestamp(query.now)}`];
  if (query.categoryIds) conditions.push(sql`a.category_id in (${sql.join(query.categoryIds.length ? query.categoryIds : [-1])})`);
  if (query.from) conditions.push(sql`a.published_at >= ${timestamp(query.from)}`);
  if (query.before) conditions.push(sql`a.published_at < ${timestamp(query.before)}`);
  return sql.join(conditions, sql` and `);
}

interface IdRange {
  first: number;
  last: number;
}

/**
 * With a date filter, the ids its matches can have: an article published in
 * the range has an id between the least and the greatest of those published
 * in it. The full-text scan applies the bound to its own ids before reading
 * any article, so a town's matches of the last 30 days are found without
 * checking the dates of its 9,000 older ones. Undefined without a date
 * filter; null when nothing was published in the range.
 */
async function idRange(db: Db, query: CandidateQuery): Promise<IdRange | null | undefined> {
  if (!query.from && !query.before) return undefined;
  const conditions = [sql`status = 'published'`];
  if (query.from) conditions.push(sql`published_at >= ${timestamp(query.from)}`);
  if (query.before) conditions.push(sql`published_at < ${timestamp(query.before)}`);
  const result = await sql<{ first: number | null; last: number | null }>`select min(id) as first, max(id) as last from articles
    where ${sql.join(conditions, sql` and `)}`.execute(db);
  const { first, last } = result.rows[0] ?? { first: null, last: null };
  return first === null || last === null ? null : { first: Number(first), last: Number(last) };
}

const within = (range: IdRange | undefined, id: RawBuilder<unknown>) => (range ? sql`${id} between ${range.first} and ${range.last}` : sql`1 = 1`);

/** published_at is text in UTC on SQLite (compared as text) and timestamptz on PostgreSQL (which parses the same string). */
const timestamp = (date: Date) => date.toISOString();

function ranked(rows: Array<{ id: number; total: number | string }>): RankedIds {
  return { ids: rows.map((r) => Number(r.id)), total: Number(rows[0]?.total ?? 0) };
}

export const fullTextIndex = (db: Db): FullTextIndex => (databaseKind(db) === 'postgres' ? postgresIndex : sqliteIndex);
