import type { Db } from '../db/database.js';

/** How many of each day's most read articles are taken as candidates for a ranking over several days. */
const CANDIDATES_PER_DAY = 100;

/**
 * The `limit` articles most read over `days` (Beijing days, oldest first),
 * without summing every article read in them when that is not needed: on a
 * busy site that is tens of thousands of article-days (a week of 5,000
 * articles read a day took 11–19 ms on SQLite; bench/article-lists.bench.ts).
 *
 * Each day's `candidatesPerDay` most read articles come from the top of the
 * (day, reads) index, and `sumReads(candidates)` sums and ranks exactly those.
 * An article outside every day's candidates read at most the last candidate's
 * reads on each day, so if the last ranked article read more than the sum of
 * those, no other article can rank (Fagin's threshold). The comparison is
 * strict: an outsider reading exactly as many could come first on the
 * ranking's tie-break. Only when the bound is not beaten (reads spread thinly,
 * or a filter left too few candidates) does `sumReads()` sum every article.
 *
 * `sumReads` must count the reads of `days` and no others (a row an instance
 * with a fast clock dated tomorrow would otherwise count for a candidate and
 * not bound an outsider). It may rank only some articles (those readers may
 * see, of one category): a filter can drop candidates but never raise an
 * outsider's reads, so the bound holds for it too.
 */
export async function rankByReads<T extends { reads: number }>(
  db: Db,
  days: readonly string[],
  limit: number,
  sumReads: (among?: number[]) => Promise<T[]>,
  candidatesPerDay = CANDIDATES_PER_DAY,
): Promise<T[]> {
  if (limit < 1) return [];
  const perDay = await Promise.all(
    days.map((day) =>
      db.selectFrom('article_daily_reads').select(['article_id', 'reads']).where('day', '=', day).orderBy('reads', 'desc').limit(candidatesPerDay).execute(),
    ),
  );
  const candidates = [...new Set(perDay.flat().map((r) => r.article_id))];
  if (candidates.length === 0) return [];
  const full = perDay.filter((rows) => rows.length === candidatesPerDay);
  const outsiderBound = full.reduce((sum, rows) => sum + Number(rows.at(-1)!.reads), 0);
  const ranked = await sumReads(candidates);
  // With no day full, every article read on the days is a candidate.
  const exact = full.length === 0 || (ranked.length >= limit && ranked[limit - 1]!.reads > outsiderBound);
  return exact ? ranked : sumReads();
}
