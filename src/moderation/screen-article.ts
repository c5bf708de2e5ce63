import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Article } from '../content/index.js';
import { bodyText, type LexiconHit } from '../text/index.js';
import type { ScreenText } from './screen.js';

/**
 * Screening costs a few microseconds a character (a 200,000-character body
 * took about a second), so an article is screened a piece at a time with a
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

/** Staff are warned, not stopped: the lexicon's hits in everything an article shows to readers, each once, by position. */
export async function screenArticle(
  screen: ScreenText,
  article: Pick<Article, 'title' | 'summary' | 'editorNote' | 'bodyHtml'> & { tags?: readonly string[] },
): Promise<LexiconHit[]> {
  const text = [article.title, article.summary, article.editorNote ?? '', ...(article.tags ?? []), bodyText(article.bodyHtml)].join('\n');
  const hits = new Map<string, LexiconHit>();
  for (const piece of pieces(text)) {
    for (const hit of screen(piece.text).hits) {
      const start = piece.offset + hit.start;
      hits.set(`${start}:${hit.term}`, { ...hit, start, end: piece.offset + hit.end });
    }
    await nextTurn();
  }
  return [...hits.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}
