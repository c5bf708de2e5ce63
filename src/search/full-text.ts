import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { databaseKind } from '../db/dialect.js';
import { toDate } from '../lib/db-values.js';

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
}

interface Candidate {
  id: number;
  publishedAt: Date;
  /** Where the article holds all the words: TITLE_WEIGHT, SUMMARY_WEIGHT or 1 (the body). */
  weight: number;
}

export interface RankedIds {
  /** The page asked for. */
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

const DAY_MS = 86_400_000;

/**
 * PostgreSQL has no way to read a GIN index's matches newest first. Asked for
 * the newest 500, it either takes every match (85,000 articles for 青溪) or
 * walks the ids backwards testing each article's document, which it thinks
 * cheap and is not (40,000 documents for 沙湾镇 修路: half a second). So it is
 * asked for the matches among the newest ids: this many, then as many more
 * as the matches found so far say are needed, until MAX_RANKED are found.
 * Each window's matches come from the index, so a window costs about the
 * matches in it, a few hundred.
 */
const POSTGRES_FIRST_WINDOW = 1_000;

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
  /** The newest MAX_RANKED matches readers may see, newest first, each with where it holds all the words. */
  candidates(db: Db, query: CandidateQuery, ids: IdRange | undefined): Promise<Candidate[]>;
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
  async candidates(db, query, ids) {
    // Each word quoted: FTS5 then reads it as a plain string, never as NEAR, OR, NOT or a prefix.
    const match = query.words.map((word) => `"${word}"`).join(' ');
    const inColumn = (column: string) => `{${column}} : (${match})`;
    // Whether the title or the summary holds all the words: two more matches, over the candidates' ids only.
    const result = await sql<{ id: number; published_at: string; weight: number }>`
      with matches as materialized (
        select s.rowid as id, a.published_at as published_at
        -- CROSS JOIN keeps the full-text match as the outer loop, newest first: a plain join let SQLite
        -- walk every published article and run the match once for each (seconds on 100,000 articles).
        from article_search s cross join articles a on a.id = s.rowid
        where article_search match ${match} and ${within(ids, sql`s.rowid`)} and ${visible(query)}
        order by s.rowid desc
        -- Written into the SQL, not bound: SQLite prepares a statement with a bound LIMIT again on every run.
        limit ${sql.lit(MAX_RANKED)}
      ),
      oldest as (select min(id) as id from matches),
      in_title as (select rowid as id from article_search where article_search match ${inColumn('title')} and rowid >= (select id from oldest)),
      in_summary as (select rowid as id from article_search where article_search match ${inColumn('summary')} and rowid >= (select id from oldest))
      select id, published_at, case when id in in_title then ${TITLE_WEIGHT} when id in in_summary then ${SUMMARY_WEIGHT} else 1 end as weight
      from matches order by id desc`.execute(db);
    return result.rows.map((r) => ({ id: r.id, publishedAt: toDate(r.published_at), weight: Number(r.weight) }));
  },
  async listMissing(db, afterId, limit) {
    // In id order from afterId (articles_visibility holds id and status), each looked up in the index, stopping at
    // `limit`: with `status` usable as an index (`+` makes it an expression) SQLite read every published article
    // after afterId and sorted them, and
    // `not in` gathered the whole index first, 20 ms a batch on 60,000 articles, minutes of pauses to index them all.
    // The LIMIT a cast, as SqliteLimitCompiler writes Kysely's: a bare bound one is prepared again on every run.
    const result = await sql<{ id: number }>`select id from articles a where +status = 'published' and id > ${afterId}
      and not exists (select 1 from article_search s where s.rowid = a.id) order by id limit cast(${limit} as integer)`.execute(db);
    return result.rows.map((r) => r.id);
  },
};

const postgresIndex: FullTextIndex = {
  async put(db, articleId, text) {
    const document = sql`setweight(to_tsvector('simple', ${text.title}), 'A') || setweight(to_tsvector('simple', ${text.summary}), 'B') || setweight(to_tsvector('simple', ${text.body}), 'D')`;
    const titleWords = sql`strip(to_tsvector('simple', ${text.title}))`;
    const summaryWords = sql`strip(to_tsvector('simple', ${text.summary}))`;
    await sql`insert into article_search (article_id, document, title_words, summary_words) values (${articleId}, ${document}, ${titleWords}, ${summaryWords})
      on conflict (article_id) do update set document = excluded.document, title_words = excluded.title_words, summary_words = excluded.summary_words`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from article_search where article_id = ${articleId}`.execute(db);
  },
  async candidates(db, query, ids) {
    // plainto_tsquery ANDs the words and reads no operators (&, |, !, :*) in them.
    const matching = sql`plainto_tsquery('simple', ${query.words.join(' ')})`;
    const top = await sql<{ last: number | null }>`select max(article_id) as last from article_search`.execute(db);
    const last = Math.min(Number(top.rows[0]?.last ?? 0), ids?.last ?? Infinity);
    const first = ids?.first ?? 1;
    let found: Array<{ id: number; published_at: Date; weight: number }> = [];
    for (let span = POSTGRES_FIRST_WINDOW; ; ) {
      const from = Math.max(first, last - span + 1);
      // Materialized: no LIMIT reaches the scan, so PostgreSQL cannot choose to walk the ids backwards (see POSTGRES_FIRST_WINDOW).
      const result = await sql<{ id: number; published_at: Date; weight: number }>`
        with window_matches as materialized (
          select s.article_id as id, a.published_at,
            case when s.title_words @@ ${matching} then ${sql.lit(TITLE_WEIGHT)} when s.summary_words @@ ${matching} then ${sql.lit(SUMMARY_WEIGHT)} else 1 end as weight
          from article_search s join articles a on a.id = s.article_id
          where s.document @@ ${matching} and s.article_id between ${from} and ${last} and ${visible(query)}
        )
        select id, published_at, weight from window_matches order by id desc limit ${MAX_RANKED}`.execute(db);
      found = result.rows;
      if (found.length >= MAX_RANKED || from <= first) break;
      // The next window wide enough for MAX_RANKED at the density found so far, with a margin.
      span = found.length > 0 ? Math.ceil((span * MAX_RANKED * 1.25) / found.length) : span * 16;
    }
    return found.map((r) => ({ id: r.id, publishedAt: toDate(r.published_at), weight: r.weight }));
  },
  async listMissing(db, afterId, limit) {
    // `s.article_id > afterId` says nothing new, but lets the anti-join start its read of the index there: without it,
    // each batch read the whole index from its first entry (9 ms a batch with 50,000 indexed, a quadratic build).
    const result = await sql<{ id: number }>`select id from articles a where status = 'published' and id > ${afterId}
      and not exists (select 1 from article_search s where s.article_id = a.id and s.article_id > ${afterId}) order by id limit ${limit}`.execute(db);
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

/**
 * One page of the matches readers may see, best first: where the words are
 * (title, summary, body) times freshness, the newer first when equal.
 */
export async function rankMatches(db: Db, query: CandidateQuery, page: { limit: number; offset: number }): Promise<RankedIds> {
  const ids = await idRange(db, query);
  if (ids === null) return { ids: [], total: 0 };
  const found = await fullTextIndex(db).candidates(db, query, ids);
  const ageDays = (c: Candidate) => Math.max(0, (query.now.getTime() - c.publishedAt.getTime()) / DAY_MS);
  const scored = found.map((c) => ({ id: c.id, score: (c.weight * FRESHNESS_DAYS) / (FRESHNESS_DAYS + ageDays(c)) }));
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  return { ids: scored.slice(page.offset, page.offset + page.limit).map((c) => c.id), total: found.length };
}

export const fullTextIndex = (db: Db): FullTextIndex => (databaseKind(db) === 'postgres' ? postgresIndex : sqliteIndex);
