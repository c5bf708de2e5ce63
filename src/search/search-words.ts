import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import { invalid, notFound } from '../lib/errors.js';

export interface SearchWord {
  id: number;
  word: string;
  createdAt: Date;
}

/** A place or person name as jieba takes it: letters and digits, no spaces (a dictionary line is `word frequency`). */
const WORD = /^[\p{L}\p{N}]{2,20}$/u;

export async function listSearchWords(db: Db): Promise<SearchWord[]> {
  const rows = await db.selectFrom('search_words').selectAll().orderBy('word').execute();
  return rows.map((r) => ({ id: r.id, word: r.word, createdAt: toDate(r.created_at) }));
}

/**
 * Adds words to the segmenter's dictionary; words already there are skipped.
 * Returns the words that are new, whose articles need re-indexing. Throws
 * Invalid('search.invalid_word', { word }) naming the first word that is not
 * 2–20 letters or digits, before adding any.
 */
export async function addSearchWords(db: Db, words: readonly string[], now: Date): Promise<string[]> {
  const wanted = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  const wrong = wanted.find((word) => !WORD.test(word));
  if (wrong !== undefined) throw invalid('search.invalid_word', { word: wrong });
  if (wanted.length === 0) return [];
  const added = await db
    .insertInto('search_words')
    .values(wanted.map((word) => ({ word, created_at: now.toISOString() })))
    .onConflict((oc) => oc.column('word').doNothing())
    .returning('word')
    .execute();
  return added.map((r) => r.word);
}

/** Removes a word; returns it, for re-indexing. Throws NotFound('search.word_not_found'). */
export async function deleteSearchWord(db: Db, id: number): Promise<string> {
  const row = await db.deleteFrom('search_words').where('id', '=', id).returning('word').executeTakeFirst();
  if (!row) throw notFound('search.word_not_found');
  return row.word;
}
