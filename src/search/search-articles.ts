import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import { invalid } from '../lib/errors.js';
import { bodyText } from '../text/index.js';
import { MAX_RANKED, rankMatches } from './full-text.js';
import { containsAny, excerpt, highlight, type TextPart } from './highlight.js';
import { segmentQuery } from './segmenter.js';

/** Longer than any name or event a reader looks for; longer queries are pasted text. */
export const MAX_QUERY_CHARS = 100;
/** Words of a query past this many add nothing but cost. */
const MAX_QUERY_WORDS = 20;

export interface SearchInput {
  query: string;
  now: Date;
  categoryIds?: readonly number[];
  /** Published at or after. */
  from?: Date;
  /** Published before. */
  before?: Date;
  /** From 1. A page past the last one is empty, not an error. */
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: number;
  categoryId: number;
  publishedAt: Date;
  title: TextPart[];
  excerpt: TextPart[];
}

export interface SearchResult {
  /** The words searched for, in simplified characters; none when the query held no letters or digits. */
  words: string[];
  /** Matches ranked (at most MAX_RANKED). */
  total: number;
  /** True when there may be older matches than those ranked. */
  more: boolean;
  hits: SearchHit[];
}

/**
 * Searches the titles, summaries and bodies of the articles readers may see.
 * All words of the query must match; titles weigh most, then freshness.
 * Throws Invalid('search.query_too_long') past MAX_QUERY_CHARS characters.
 */
export async function searchArticles(db: Db, input: SearchInput): Promise<SearchResult> {
  if ([...input.query].length > MAX_QUERY_CHARS) throw invalid('search.query_too_long', { max: MAX_QUERY_CHARS });
  const words = (await segmentQuery(db, input.query)).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return { words, total: 0, more: false, hits: [] };
  const ranked = await rankMatches(db, { ...input, words }, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { words, total: ranked.total, more: ranked.total >= MAX_RANKED, hits: await loadHits(db, ranked.ids, words) };
}

async function loadHits(db: Db, ids: number[], words: string[]): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'category_id', 'title', 'summary', 'body_html', 'published_at'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const body = bodyText(row.body_html);
    // The body around the first word found; else the summary, which was written to be read on its own.
    const text = excerptSource(body, row.summary, words);
    return [{ id, categoryId: row.category_id, publishedAt: toDate(row.published_at!), title: highlight(row.title, words), excerpt: excerpt(text, words) }];
  });
}

function excerptSource(body: string, summary: string, words: string[]): string {
  return containsAny(body, words) || !summary ? body : summary;
}
