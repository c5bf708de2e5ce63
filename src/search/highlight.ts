/** A stretch of text, marked when it is one of the words searched for. Views render it escaped, marks as <mark>. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/** Every occurrence of any of `words` in `text` marked, longest word first (溪口镇 before 溪口), Latin case ignored. */
export function highlight(text: string, words: readonly string[]): TextPart[] {
  const pattern = wordPattern(words);
  if (!pattern) return text ? [{ text, mark: false }] : [];
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > cursor) parts.push({ text: text.slice(cursor, match.index), mark: false });
    parts.push({ text: match[0], mark: true });
    cursor = match.index + match[0].length;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), mark: false });
  return parts;
}

/**
 * About `length` characters of `text` around the first of `words` found in
 * it, highlighted, with … where it was cut; the opening of the text when
 * none is found. Runs of white space count as one space.
 */
export function excerpt(text: string, words: readonly string[], length = 120): TextPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const pattern = wordPattern(words);
  const first = pattern ? flat.search(pattern) : -1;
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

function wordPattern(words: readonly string[]): RegExp | undefined {
  const alternatives = [...words]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : undefined;
}
