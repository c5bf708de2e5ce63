import { normalizeForMatching } from './normalize.js';

const MASK = '＊';

/**
 * Replaces, in the text, each letter or digit of every hit with one ＊ (the
 * characters the lexicon matched on). Fillers inside a hit ("傻 逼" → "＊ ＊")
 * stay, so the sentence keeps its shape; overlapping hits are masked once.
 *
 * @param hits UTF-16 ranges of `text`, end exclusive, as LexiconHit gives them
 */
export function maskHits(text: string, hits: ReadonlyArray<{ start: number; end: number }>): string {
  // Start → end of each character to mask. Normalizing goes a character at a time, so a hit's own text
  // normalizes as it did within the whole; a character that became several letters (㎏ → kg) appears once.
  const ranges = new Map<number, number>();
  for (const { start, end } of hits) {
    const letters = normalizeForMatching(text.slice(start, end));
    for (let k = 0; k < letters.text.length; k++) ranges.set(start + letters.starts[k]!, start + letters.ends[k]!);
  }
  let out = '';
  let cursor = 0;
  for (const start of [...ranges.keys()].sort((a, b) => a - b)) {
    out += text.slice(cursor, start) + MASK;
    cursor = ranges.get(start)!;
  }
  return out + text.slice(cursor);
}
