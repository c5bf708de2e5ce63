import type AhoCorasick from 'modern-ahocorasick';
import type { Match } from 'modern-ahocorasick';

// The matcher finds grapheme boundaries with Intl.Segmenter, which is quadratic
// in the string's length on Node 20 (https://issues.chromium.org/issues/326176949,
// fixed in V8 12): one search() over an 88,000-character article took 10 s.
// Fed through the matcher's stream a chunk at a time, the same search is linear.
const CHUNK = 1024;

/** Every occurrence of every pattern, overlaps included, in linear time for any length of text. */
export function findTerms<T>(matcher: AhoCorasick<T>, text: string): Match<T>[] {
  if (text.length <= CHUNK) return matcher.search(text);
  const stream = matcher.createStream();
  const found: Match<T>[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + CHUNK, text.length);
    // Never split a surrogate pair between two chunks.
    if (isHighSurrogate(text.charCodeAt(end - 1)) && end < text.length) end++;
    for (const match of stream.write(text.slice(start, end))) found.push(match);
    start = end;
  }
  for (const match of stream.finish()) found.push(match);
  return found;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
