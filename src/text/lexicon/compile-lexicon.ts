import AhoCorasick from 'modern-ahocorasick';
import { isStronger, type LexiconEntry } from './lexicon-entry.js';
import { isWordChar, normalizeForMatching } from './normalize.js';

/** One distinct normalized term and the entry that decides what a hit on it does. */
export interface CompiledTerm {
  readonly key: string;
  readonly entry: LexiconEntry;
  /**
   * The term begins (ends) with an ASCII letter or digit, so a hit must not run
   * on from a word written right against it: "av在线" must not fire inside "java在线".
   */
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

/** A compiled, immutable lexicon. Build it once per list change and share it. */
export interface Lexicon {
  /** Distinct normalized terms, after duplicates were merged. */
  readonly size: number;
  readonly matcher: AhoCorasick<CompiledTerm>;
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
 * all ("★★") cannot match anything and are left out; parseLexiconList reports
 * them to the admin at import.
 */
export function compileLexicon(entries: readonly LexiconEntry[]): Lexicon {
  const byKey = new Map<string, LexiconEntry>();
  for (const entry of entries) {
    const key = lexiconKey(entry.term);
    if (key === '') continue;
    const kept = byKey.get(key);
    if (kept === undefined || isStronger(entry.action, kept.action)) byKey.set(key, entry);
  }
  const patterns = [...byKey].map(([key, entry]) => ({
    pattern: key,
    data: { key, entry, wordStart: isWordChar(key[0]), wordEnd: isWordChar(key[key.length - 1]) },
  }));
  return { size: patterns.length, matcher: new AhoCorasick(patterns) };
}
