import { ConverterFactory, type DictGroup, type DictLike, Trie } from 'opencc-js/core';

/**
 * opencc-js's Trie keeps a Map for every character of every phrase. Its s2tw preset builds three
 * tries over some 50,000 phrases: 40 MB of live objects, 80 MB of resident memory that a process
 * then holds for its lifetime, half of a small server's budget for the whole portal. This Trie
 * keeps each phrase once, in flat Maps, and finds the longest phrase at a position by trying only
 * the lengths of the phrases that begin with its first two characters, longest first: the same
 * match, so the library's own loadDict(), segment() and convert() run on it unchanged (a test
 * compares whole pages with the library's converter), in 12 MB of objects (20 MB resident with the dictionaries) and
 * at the same speed.
 */
export class FlatTrie extends Trie {
  // Most phrases are one or two UTF-16 units long: those are found by their units (small integers
  // that V8 hashes without allocating), so matching them creates no strings. Longer phrases are
  // found by slicing, and only where the first two units open one of them.
  private readonly singles = new Map<number, string>();
  private readonly openings = new Map<number, Map<number, Opening>>();
  private readonly longer = new Map<string, string>();

  override addWord(source: string, replacement: string): void {
    if (source.length === 1) this.singles.set(source.charCodeAt(0), replacement);
    if (source.length < 2) return;
    const opening = this.openingOf(source.charCodeAt(0), source.charCodeAt(1));
    if (source.length === 2) opening.pair = replacement;
    else {
      if (source.length > MAX_PHRASE_LENGTH) throw new Error(`FlatTrie: a phrase of ${source.length} units is longer than ${MAX_PHRASE_LENGTH}`);
      this.longer.set(source, replacement);
      opening.longerLengths |= 1 << source.length;
    }
  }

  override matchPrefix(text: string, offset: number): { end: number; value: string } | null {
    const opening = offset + 1 < text.length ? this.openings.get(text.charCodeAt(offset))?.get(text.charCodeAt(offset + 1)) : undefined;
    if (opening) {
      for (let length = 31 - Math.clz32(opening.longerLengths); length > 2; length--) {
        if ((opening.longerLengths & (1 << length)) === 0 || offset + length > text.length) continue;
        const value = this.longer.get(text.slice(offset, offset + length));
        if (value !== undefined) return { end: offset + length, value };
      }
      if (opening.pair !== undefined) return { end: offset + 2, value: opening.pair };
    }
    const single = this.singles.get(text.charCodeAt(offset));
    return single === undefined ? null : { end: offset + 1, value: single };
  }

  private openingOf(first: number, second: number): Opening {
    let seconds = this.openings.get(first);
    if (!seconds) this.openings.set(first, (seconds = new Map()));
    let opening = seconds.get(second);
    if (!opening) seconds.set(second, (opening = { pair: undefined, longerLengths: 0 }));
    return opening;
  }
}

/**
 * The phrases that begin with one pair of units: the two-unit one, and the lengths of longer ones
 * as bits (bit n set: a phrase of n units), a small integer where an array per pair held 5 MB.
 */
interface Opening {
  pair: string | undefined;
  longerLengths: number;
}

/** The longest phrase a FlatTrie takes: bit 30 is the last a small integer holds. OpenCC's longest is 15 units. */
const MAX_PHRASE_LENGTH = 30;

/** One of opencc-js's preset configurations (`Locale.configs.s2tw`…); its types leave out the normalization step. */
export interface PresetConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

function flatTrie(group: DictLike | DictGroup): FlatTrie {
  const trie = new FlatTrie();
  if (Array.isArray(group) && group.every((dict) => typeof dict === 'string')) trie.loadDictGroup(group as DictGroup);
  else trie.loadDict(group as DictLike);
  return trie;
}

/**
 * Stretches of text a phrase can lie in. OpenCC's phrases are Chinese, a dozen with ASCII letters
 * or a hyphen among the characters (SQL注入, PN结, 伯克希尔-哈撒韦), and no entry holds any other ASCII
 * character: the rest of the text, most of a page's markup, can match nothing and is passed over
 * instead of being looked up a character at a time (an article page converts in half the time or
 * less), as are stretches with no Chinese in them. A test checks the dictionaries still hold to this.
 * One character class, so the match is linear: a pattern that first took the letters before a
 * Chinese character backtracked over every run of letters, 350 ms for 20,000 of them.
 */
const CANDIDATE_RUN = /[A-Za-z0-9\-\u0080-\uffff]+/g;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * What normalization changes: its dictionary maps CJK compatibility ideographs (U+F900–FAFF, and
 * U+2F800–2FA1F as surrogate pairs) to the unified ones, and holds nothing else (a test checks).
 * A run without one, which is almost every run, skips a whole dictionary pass: a tenth of a page.
 */
export const COMPATIBILITY_IDEOGRAPH = /[\uF900-\uFAFF]|\uD87E[\uDC00-\uDE1F]/;

/**
 * A converter for a preset, built as opencc-js builds it (normalize, cut the text at the
 * segmentation dictionary's phrases, convert each piece through the chain) but on FlatTries.
 */
export function flatConverter(config: PresetConfig): (text: string) => string {
  const normalize = config.normalizationChain ? ConverterFactory(...config.normalizationChain) : (text: string) => text;
  const segmentation = config.segmentation ? flatTrie(config.segmentation) : undefined;
  const chain = config.conversionChain.map(flatTrie);
  const convertRun = (run: string) => {
    const normalized = COMPATIBILITY_IDEOGRAPH.test(run) ? normalize(run) : run;
    const pieces = segmentation ? segmentation.segment(normalized) : [normalized];
    return pieces.map((piece) => chain.reduce((converted, trie) => trie.convert(converted), piece)).join('');
  };
  return (text) => text.replace(CANDIDATE_RUN, (run) => (NOT_ASCII.test(run) ? convertRun(run) : run));
}
