import { isStronger, isTermTooLong, type LexiconEntry } from './lexicon-entry.js';
import { isWordChar, normalizeForMatching } from './normalize.js';
import { buildTermAutomaton, type TermAutomaton } from './term-automaton.js';

/** Bits of CompiledTerms.wordEdges. */
const WORD_START = 1;
const WORD_END = 2;

/**
 * A list's terms compiled, in typed arrays only (see TermAutomaton): what a
 * worker thread hands back. Pattern i of the automaton is a distinct
 * normalized term.
 */
export interface CompiledTerms {
  readonly automaton: TermAutomaton;
  /** For each pattern, the index in the compiled list of the entry that decides what a hit on it does. */
  readonly entryOf: Int32Array;
  /**
   * For each pattern, WORD_START when it begins with an ASCII letter or digit
   * and WORD_END when it ends with one: a hit must then not run on from a word
   * written right against it ("av在线" must not fire inside "java在线").
   */
  readonly wordEdges: Uint8Array;
}

/** A compiled, immutable lexicon. Build it once per list change and share it. */
export interface Lexicon extends CompiledTerms {
  /** Distinct normalized terms, after duplicates were merged. */
  readonly size: number;
  /** The list compiled, which entryOf points into. */
  readonly entries: readonly LexiconEntry[];
}

/** One distinct normalized term and the entry that decides what a hit on it does. */
export interface CompiledTerm {
  readonly entry: LexiconEntry;
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

/** The form a term is matched in; two terms with the same key are the same entry. */
export function lexiconKey(term: string): string {
  return normalizeForMatching(term).text;
}

/**
 * Compiles entries into an Aho–Corasick automaton over their normalized terms,
 * so screening costs the same with 50 or 50,000 entries.
 *
 * Entries whose terms normalize to the same key ("婷婷免費" and "婷 婷免费") are
 * merged: the strongest action wins (reject > hold > flag > mask > allow), and
 * among equals the first entry. Entries whose term has no letter or digit at
 * all ("★★") cannot match anything and are left out, and so are terms longer
 * than MAX_TERM_CHARS, stored before imports refused them; parseLexiconList
 * reports both to the admin at import.
 */
export function compileLexicon(entries: readonly LexiconEntry[]): Lexicon {
  return lexiconOf(entries, compileTerms(entries));
}

/** The costly part of compileLexicon, which needs only the terms and actions: a worker thread can run it. */
export function compileTerms(entries: ReadonlyArray<Pick<LexiconEntry, 'term' | 'action'>>): CompiledTerms {
  const byKey = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (isTermTooLong(entry.term)) return;
    const key = lexiconKey(entry.term);
    if (key === '') return;
    const kept = byKey.get(key);
    if (kept === undefined || isStronger(entry.action, entries[kept]!.action)) byKey.set(key, index);
  });
  const keys = [...byKey.keys()].sort();
  return {
    automaton: buildTermAutomaton(keys),
    entryOf: Int32Array.from(keys, (key) => byKey.get(key)!),
    wordEdges: Uint8Array.from(keys, (key) => (isWordChar(key[0]) ? WORD_START : 0) | (isWordChar(key[key.length - 1]) ? WORD_END : 0)),
  };
}

/** The lexicon of `entries`, from their terms compiled by compileTerms. */
export function lexiconOf(entries: readonly LexiconEntry[], compiled: CompiledTerms): Lexicon {
  return { ...compiled, size: compiled.entryOf.length, entries };
}

/** What a hit on pattern `pattern` of the lexicon's automaton is. */
export function compiledTerm(lexicon: Lexicon, pattern: number): CompiledTerm {
  const edges = lexicon.wordEdges[pattern]!;
  return { entry: lexicon.entries[lexicon.entryOf[pattern]!]!, wordStart: (edges & WORD_START) !== 0, wordEnd: (edges & WORD_END) !== 0 };
}
