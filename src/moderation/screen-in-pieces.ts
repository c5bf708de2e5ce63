import { setImmediate as nextTurn } from 'node:timers/promises';
import { type LexiconHit, maskedText, type ScreenResult, verdictOf } from '../text/index.js';
import type { ScreenText } from './screen.js';

/**
 * Screening costs about a microsecond a character (a 200,000-character body
 * takes 0.2 to 0.3 s), so a long text is screened a piece at a time with a
 * turn of the event loop between pieces: other requests are answered meanwhile.
 * Pieces end at paragraph ends where they can; a paragraph longer than a
 * piece is cut with an overlap, so a term (even spread out by fillers) that
 * fits in the overlap is found whole on one side of the cut.
 */
const PIECE_CHARS = 4_000;
const PIECE_OVERLAP = 200;

/** Where each piece starts in `text`, and the piece. */
function* pieces(text: string): Generator<{ offset: number; text: string }> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PIECE_CHARS, text.length);
    const lineEnd = text.lastIndexOf('\n', end);
    if (end < text.length && lineEnd > start) end = lineEnd + 1;
    yield { offset: start, text: text.slice(start, end) };
    if (end >= text.length) return;
    start = text[end - 1] === '\n' ? end : end - PIECE_OVERLAP;
  }
}

/**
 * screenText for text of any length, without holding the event loop: the
 * lexicon's hits, each once, by position; the verdict they make; the text
 * with the 'mask' hits' letters replaced.
 */
export async function screenInPieces(screen: ScreenText, text: string): Promise<Pick<ScreenResult, 'hits' | 'verdict' | 'masked'>> {
  const found = new Map<string, LexiconHit>();
  for (const piece of pieces(text)) {
    for (const hit of screen(piece.text).hits) {
      const start = piece.offset + hit.start;
      found.set(`${start}:${hit.term}`, { ...hit, start, end: piece.offset + hit.end });
    }
    await nextTurn();
  }
  const hits = [...found.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  return { hits, verdict: verdictOf(hits), masked: maskedText(text, hits) };
}
