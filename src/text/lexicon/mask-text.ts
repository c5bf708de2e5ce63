import type { NormalizedText } from './normalize.js';

const MASK = '＊';

/**
 * Replaces, in the original text, each character that a span of the normalized
 * text came from with one ＊. Fillers inside the span ("傻 逼" → "＊ ＊") stay, so
 * the sentence keeps its shape; overlapping spans are masked once.
 *
 * @param spans ranges of normalized UTF-16 units, end exclusive
 */
export function maskText(
  original: string,
  normalized: NormalizedText,
  spans: ReadonlyArray<{ from: number; to: number }>,
): string {
  // Original start → end of each character to mask. Characters that expanded
  // to several normalized units (㎏ → kg) appear once.
  const ranges = new Map<number, number>();
  for (const { from, to } of spans) {
    for (let k = from; k < to; k++) ranges.set(normalized.starts[k]!, normalized.ends[k]!);
  }
  let out = '';
  let cursor = 0;
  for (const start of [...ranges.keys()].sort((a, b) => a - b)) {
    out += original.slice(cursor, start) + MASK;
    cursor = ranges.get(start)!;
  }
  return out + original.slice(cursor);
}
