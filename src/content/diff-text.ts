import { type ChangeObject, diffArrays, diffChars } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Myers' diff costs about the square of the number of edits, so a rewrite of
 * a long body (10,000 characters each side took 14 s) is cut off here and
 * shown more coarsely instead. A thousand edits at one level stays well under
 * a second for the longest body allowed.
 */
export const MAX_DIFF_EDITS = 1000;
/** A second bound, on time, for inputs whose cost the edit count does not cap (long bodies with long repeats). */
const DIFF_TIMEOUT_MS = 1000;

/** Tags and sentences, in order: together they are the text again. */
const PIECE = /<[^>]*>?|[^<]+?(?:[。！？；.!?;\n]|(?=<)|$)/gy;
const pieces = (text: string) => text.match(PIECE) ?? [];

const toParts = (changes: Array<ChangeObject<string>>): DiffPart[] =>
  changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));

/**
 * What changed between two versions, character by character (Chinese has no
 * spaces between words, so a word diff would mark whole sentences). Markup is
 * compared as text, so a changed link or image shows too. When the versions
 * differ too much for that, whole sentences and tags are compared; when even
 * those differ too much, the whole text is shown as replaced.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const bounds = { maxEditLength: MAX_DIFF_EDITS, timeout: DIFF_TIMEOUT_MS };
  const byChar = diffChars(before, after, bounds);
  if (byChar) return toParts(byChar);
  const byPiece = diffArrays(pieces(before), pieces(after), bounds);
  if (byPiece) return toParts(byPiece.map((c) => ({ ...c, value: c.value.join('') })));
  return [
    { kind: 'removed', text: before },
    { kind: 'added', text: after },
  ];
}
