import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { type LexiconAction, type LexiconLineError, MAX_TERM_CHARS, type ParsedLexiconList, readLexiconList } from '../text/index.js';
import { MAX_LEXICON_ENTRIES, saveLexiconEntries } from './lexicon-store.js';

/** How much of a refused term the message quotes: enough to find the line. */
const QUOTED_CHARS = 20;

/** Lines read between turns of the event loop: a few milliseconds' work. */
const LINES_PER_TURN = 2_000;

/**
 * Adds an admin's word list to the lexicon (the format is parseLexiconList's):
 * lines with a problem are left out and returned, the others saved in one
 * transaction. Refused whole, saving nothing, with
 * Invalid('lexicon.term_too_long', { line, term, max }) for the first term
 * longer than MAX_TERM_CHARS (usually fields not separated by tabs, or a file
 * whose lines did not split), or Invalid('lexicon.too_many_entries', { max })
 * when the list or the lexicon after it would hold more than MAX_LEXICON_ENTRIES.
 */
export async function importLexiconList(
  db: Db,
  input: { text: string; defaultAction: LexiconAction },
  now: Date,
): Promise<{ saved: number; errors: LexiconLineError[] }> {
  const { entries, errors } = await readInTurns(input.text, input.defaultAction);
  const tooLong = errors.find((e) => e.problem === 'too_long');
  if (tooLong) throw invalid('lexicon.term_too_long', { line: tooLong.line, term: quotedTerm(tooLong.text), max: MAX_TERM_CHARS });
  if (errors.some((e) => e.problem === 'too_many')) throw invalid('lexicon.too_many_entries', { max: MAX_LEXICON_ENTRIES });
  return { saved: await saveLexiconEntries(db, entries, now), errors };
}

/** parseLexiconList with a turn of the event loop every LINES_PER_TURN lines: 100,000 lines held it most of a second. */
async function readInTurns(text: string, defaultAction: LexiconAction): Promise<ParsedLexiconList> {
  const reading = readLexiconList(text, defaultAction, MAX_LEXICON_ENTRIES, LINES_PER_TURN);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

/** The line's term, cut to QUOTED_CHARS characters. */
function quotedTerm(line: string): string {
  let head = '';
  let count = 0;
  for (const char of line.trim().split('\t', 1)[0]!.trim()) {
    if (count++ === QUOTED_CHARS) return `${head}…`;
    head += char;
  }
  return head;
}
