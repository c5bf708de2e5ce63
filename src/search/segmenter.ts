import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import type { Db } from '../db/database.js';
import { hasTraditionalCharacters, toSimplified } from '../text/index.js';

/**
 * How often a user word is counted in jieba's dictionary: high enough that the
 * word wins over the pieces the base dictionary would cut it into (龙潭|坝 → 龙潭坝),
 * as admins add place and person names precisely so they stay whole.
 */
const USER_WORD_FREQUENCY = 10_000;

interface Loaded {
  jieba: Jieba;
  /** Which dictionary rows the instance holds: rebuilt or extended when the table's fingerprint changes. */
  count: number;
  lastId: number;
}

/**
 * Per database, since tests and benchmarks open several in one process, each with its own words.
 * Keyed by the connection's adapter, which a database and its transactions share (a transaction is a new Kysely object).
 */
const loadedFor = new WeakMap<object, Loaded>();

/**
 * jieba's base dictionary costs about 70 MB and 150 ms to load, so it is
 * loaded on the first search or indexing, not at start. Each use compares
 * the user dictionary's fingerprint (row count and highest id) with what was
 * loaded: words another instance added reach this one on its next search.
 * Added words are loaded on top; a deleted word needs a fresh instance.
 */
export async function segmenterFor(db: Db): Promise<Jieba> {
  const row = await db
    .selectFrom('search_words')
    .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.max('id').as('lastId')])
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  const lastId = Number(row.lastId ?? 0);
  const key = db.getExecutor().adapter;
  const loaded = loadedFor.get(key);
  if (loaded && loaded.count === count && loaded.lastId === lastId) return loaded.jieba;
  const newWords = await wordsAfter(db, loaded?.lastId ?? 0, lastId);
  const onlyAdded = loaded !== undefined && loaded.count + newWords.length === count;
  const jieba = onlyAdded ? loaded.jieba : await baseSegmenter();
  const words = onlyAdded ? newWords : await wordsAfter(db, 0, lastId);
  // Tagged nz (a proper noun): admins add names and places, and tag suggestions keep only nouns (see suggest-tags.ts).
  if (words.length > 0) jieba.loadDict(Buffer.from(words.flatMap(spellings).map((word) => `${word} ${USER_WORD_FREQUENCY} nz\n`).join('')));
  loadedFor.set(key, { jieba, count, lastId });
  return jieba;
}

/**
 * A dictionary word as jieba is given it: in lower case, as the index and queries cut their text (see
 * foldCase), and also as the admin wrote it and all in upper case, for tag suggestions, which cut the
 * article's own text so that they offer a word as it is written there.
 */
function spellings(word: string): string[] {
  return [...new Set([word.toLowerCase(), word, word.toUpperCase()])];
}

async function wordsAfter(db: Db, afterId: number, upToId: number): Promise<string[]> {
  const rows = await db.selectFrom('search_words').select('word').where('id', '>', afterId).where('id', '<=', upToId).execute();
  return rows.map((r) => r.word);
}

async function baseSegmenter(): Promise<Jieba> {
  const { Jieba } = await import('@node-rs/jieba');
  // The package's dict module is CommonJS that reads its 5 MB word list when required.
  const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict.js') as { dict: Buffer };
  const jieba = Jieba.withDict(dict);
  lowerCaseEntries ??= Buffer.from(lowerCaseEntriesOf(dict.toString()));
  jieba.loadDict(lowerCaseEntries);
  return jieba;
}

/** Found once a process: the base dictionary does not change, and a segmenter is rebuilt when a word is deleted. */
let lowerCaseEntries: Buffer | undefined;

/**
 * The base dictionary's entries whose word holds capital letters (B超, AA制, 4S店: 65 of its 349,046), again
 * in lower case with the same frequency and part of speech, so that text folded to lower case (see foldCase)
 * is cut into the same words as it would be as written. One pass of a regular expression over the 5 MB
 * (14 ms; splitting it into lines first held the event loop 250 ms).
 */
function lowerCaseEntriesOf(dictionary: string): string {
  const entries = dictionary.match(/^[^ \n]*[A-Z][^\n]*/gm) ?? [];
  return entries.map((entry) => entry.replace(/^[^ ]*/, (word) => word.toLowerCase())).join('\n');
}

/**
 * The words of a text, cut from its lower-case form (foldCase), as the index
 * stores and a query asks for them: letters and digits only (punctuation,
 * emoji and FTS operators such as `"`, `*`, `-` and parentheses are separators).
 * HMM guessing is off on both sides: it joins unknown characters into words
 * depending on what surrounds them, so a name guessed one way in an article
 * could be guessed another way in a query and never match. Unknown names
 * stay single characters on both sides until admins add them as words.
 */
function cleanWords(pieces: string[]): string[] {
  const words: string[] = [];
  for (const piece of pieces) {
    for (const word of piece.split(/[^\p{L}\p{N}]+/u)) if (word) words.push(word);
  }
  return words;
}

/**
 * Texts of an article for the index, in simplified characters: every word,
 * and inside longer words the shorter dictionary words they contain (jieba's
 * search mode: 溪口镇 → 溪口 口镇 溪口镇), so a query for part of a name finds
 * the whole. An article written in 繁體 (a reprint from Taiwan or Hong Kong)
 * is converted first, as queries are: either script finds it, and jieba's
 * dictionary, which is simplified, cuts it into words rather than characters.
 */
export async function segmentForIndex<T extends string[]>(db: Db, ...texts: T): Promise<{ [K in keyof T]: string }> {
  const jieba = await segmenterFor(db);
  return texts.map((text) => cleanWords(jieba.cutForSearch(foldCase(simplified(text)), false)).join(' ')) as { [K in keyof T]: string };
}

/** Text and query alike: converted only when there is something to convert, as most articles are simplified already. */
const simplified = (text: string): string => (hasTraditionalCharacters(text) ? toSimplified(text) : text);

/**
 * Text and query alike are cut in lower case, as the index keeps them: jieba matches case exactly, so a
 * dictionary word BRT快线 would otherwise stay whole only in the spellings it was given, and an article writing
 * Brt快线, or a reader typing it, would get the pieces brt 快 线 instead.
 */
const foldCase = (text: string): string => text.toLowerCase();

/**
 * The distinct words of a reader's query, in simplified characters: a 繁體
 * query (溪口鎮) is converted first, so it finds the same articles as 溪口镇.
 */
export async function segmentQuery(db: Db, query: string): Promise<string[]> {
  const jieba = await segmenterFor(db);
  return [...new Set(cleanWords(jieba.cut(foldCase(simplified(query)), false)))];
}
