import type { Db } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { KeptPromises } from '../lib/kept-promises.js';
import type { PublishedArticleQuery } from './published-lists.js';

/**
 * How a list of a tag's articles is read. SQLite has no statistics to choose by itself; PostgreSQL's
 * cannot tell that a tag's articles are all old (an event's), and walked the whole site newest first for
 * one: 62 ms a page on 60,000 articles (8.1 ms read as below).
 * 'entries': from the tag's entries, every article carrying it looked up, about 1.3 µs each, and sorted.
 * 'newest': down the site's published articles, newest first, each checked for the tag, about 0.18 µs
 * each, until the list's end, and no further than `since` (the oldest publication time it reads) when set.
 */
export type TagWalk = { from: 'entries' } | { from: 'newest'; since: Date | string | undefined };

export const FROM_ENTRIES: TagWalk = { from: 'entries' };

/** A check down the newest articles costs about a seventh of an entry's lookup (see TagWalk). */
const ENTRY_COST_IN_CHECKS = 7;

/**
 * The walk to try first for `query`; FROM_ENTRIES when there is no tag, and for 置顶-first lists, whose
 * order is not the newest articles'.
 *
 * A tag on every one of 60,000 articles, as sites tag everything 本地, took 82 ms for its page 1 from its
 * entries, 0.02 ms down the newest. But down the newest, a tag on few articles, on old ones or on drafts
 * costs the whole site. For a tag spread evenly, the two cost the same at `enough` entries, where
 * end × articles ÷ entries checks match 7 × entries lookups (`max(id)` stands in for the number of
 * articles). A tag with more entries than that is read down the newest, but no further than the newest
 * 7 × enough articles: that costs at most what reading `enough` entries does, fewer than the tag has. A
 * list that walk does not fill (the tag is on older or unpublished articles) is then read from the
 * entries (see readTagList), so a wrong guess costs at most twice the entries' walk. The probes that
 * choose are kept a few seconds (see ESTIMATE_MS).
 */
export async function tagWalkFor(db: Db, query: PublishedArticleQuery): Promise<TagWalk> {
  if (query.tagId === undefined || query.pinnedFirst) return FROM_ENTRIES;
  const { tagId } = query;
  const newest = await estimate(db, 'newest', async () => (await newestId(db, {}))[0]?.newest ?? 0);
  const end = (query.offset ?? 0) + query.limit;
  const enough = Math.ceil(Math.sqrt((end * newest) / ENTRY_COST_IN_CHECKS));
  const entries = await estimate(db, `entries ${tagId} ${enough + 1}`, async () => Number((await entriesUpTo(db, { tagId, atMost: enough + 1 }))[0]?.entries ?? 0));
  if (entries <= enough) return FROM_ENTRIES;
  const position = ENTRY_COST_IN_CHECKS * (enough + 1) - 1;
  const since = await estimate(db, `since ${position}`, async () => (await publishedAtPosition(db, { now: query.now.toISOString(), position }))[0]?.published_at ?? undefined);
  // No such article: the site is shorter than that, and the walk reads all of it.
  return { from: 'newest', since };
}

/**
 * How long tagWalkFor's probes are reused, on each database. They decide how a list is read, never what it
 * holds (see readTagList): one gone stale costs at most a longer walk (articles published since), a read
 * of the tag's entries after the walk (articles withdrawn since), or, for a tag just put on many articles
 * at once, its entries read whole until its count is probed again. Made on every tag page, they were most of
 * its cost: 本地's page 100 spent 0.95 ms of its 1.47 in them on SQLite, 5.0 of 11.8 ms on PostgreSQL, the
 * position probe walking 29,000 index entries (bench/README.md).
 */
const ESTIMATE_MS = 10_000;

/** Probes kept per database, one per tag and page depth asked for: past this, the least used goes. */
const MAX_ESTIMATES = 500;

const estimates = new WeakMap<Db, KeptPromises>();

/** `probe`'s answer as kept for `key` on this database (see ESTIMATE_MS), else probed now. */
function estimate<T>(db: Db, key: string, probe: () => Promise<T>): Promise<T> {
  let kept = estimates.get(db);
  if (!kept) estimates.set(db, (kept = new KeptPromises(ESTIMATE_MS, MAX_ESTIMATES)));
  return kept.get(key, probe);
}

// tagWalkFor's probes, made before every tag list: built and compiled once (see preparedQuery).
const newestId = preparedQuery((db) => db.selectFrom('articles').select((eb) => eb.fn.max('id').as('newest')));

const entriesUpTo = preparedQuery((db, values: { tagId: number; atMost: number }) =>
  db
    .selectFrom(db.selectFrom('article_tags').where('tag_id', '=', values.tagId).select('article_id').limit(values.atMost).as('entries'))
    .select((eb) => eb.fn.countAll().as('entries')),
);

/**
 * The publication time of the published article at `position` (from 0) newest first. Articles of one
 * time are not ordered by id here, as lists order them: at any position the time is the same, and
 * PostgreSQL, whose index of published articles ends with the time, would sort each such group to
 * order them (12.5 ms at position 29,000, 2.1 ms without).
 */
const publishedAtPosition = preparedQuery((db, values: { now: string; position: number }) =>
  db
    .selectFrom('articles')
    .select('published_at')
    .where('status', '=', 'published')
    .where('published_at', '<=', values.now)
    .orderBy('published_at', 'desc')
    .offset(values.position)
    .limit(1),
);

/**
 * A list of `query`'s articles, read by `read` as tagWalkFor says: down the newest articles when it
 * says so and that fills the list (or reads the whole site), else from the tag's entries.
 */
export async function readTagList<Row>(db: Db, query: PublishedArticleQuery, read: (walk: TagWalk) => Promise<Row[]>): Promise<Row[]> {
  const walk = await tagWalkFor(db, query);
  const rows = await read(walk);
  if (walk.from === 'entries' || rows.length === query.limit || walk.since === undefined) return rows;
  // Not filled within the newest: the rest of the list is older, or the tag is on articles readers cannot see.
  return read(FROM_ENTRIES);
}
