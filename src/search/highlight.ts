import { hasTraditionalCharacters, toSimplified } from '../text/index.js';

/** A stretch of text, marked when it is one of the words searched for. Views render it escaped, marks as <mark>. */
export interface TextPart {
  text: string;
  mark: boolean;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Every occurrence of any of `words` in `text` marked, longest word first
 * (溪口镇 before 溪口), Latin case ignored. The words are simplified (see
 * segmentQuery); in an article written in 繁體 they are found in its
 * simplified form and the written characters at those places are marked.
 */
export function highlight(text: string, words: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const { start, end } of findWords(text, words)) {
    if (start > cursor) parts.push({ text: text.slice(cursor, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), mark: false });
  return parts;
}

/** Whether any of `words` occurs in `text`, in either script. */
export const containsAny = (text: string, words: readonly string[]): boolean => findWords(text, words).length > 0;

/**
 * About `length` characters of `text` around the first of `words` found in
 * it, highlighted, with … where it was cut; the opening of the text when
 * none is found. Runs of white space count as one space.
 */
export function excerpt(text: string, words: readonly string[], length = 120): TextPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = findWords(flat, words)[0]?.start ?? -1;
  // A few characters before the first hit, so the word is read in its sentence.
  let start = first > 20 ? first - 20 : 0;
  if (isLowSurrogate(flat, start)) start += 1;
  let end = Math.min(flat.length, start + length);
  if (isLowSurrogate(flat, end)) end += 1;
  const shown = `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  return highlight(shown, words);
}

/** Whether `index` falls inside a surrogate pair (an emoji), where text must not be cut. */
const isLowSurrogate = (text: string, index: number) => /[\udc00-\udfff]/.test(text.charAt(index));

/**
 * Where the words occur in `text`, found in its simplified form when it has
 * 繁體 characters (converted only then: most articles are simplified), used
 * when converting kept every character in its place, as it does but for rare phrases.
 */
function findWords(text: string, words: readonly string[]): Span[] {
  const pattern = wordPattern(words);
  if (!pattern) return [];
  const converted = hasTraditionalCharacters(text) ? toSimplified(text) : text;
  const source = converted.length === text.length ? converted : text;
  return [...source.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function wordPattern(words: readonly string[]): RegExp | undefined {
  const alternatives = [...words]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : undefined;
}
