import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { type LexiconAction, type LexiconLineError, MAX_TERM_CHARS, parseLexiconList } from '../text/index.js';
import { MAX_LEXICON_ENTRIES, saveLexiconEntries } from './lexicon-store.js';

/** How much of a refused term the message quotes: enough to find the line. */
const QUOTED_CHARS = 20;

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
  const { entries, errors } = parseLexiconList(input.text, input.defaultAction, MAX_LEXICON_ENTRIES);
  const tooLong = errors.find((e) => e.problem === 'too_long');
  if (tooLong) throw invalid('lexicon.term_too_long', { line: tooLong.line, term: quotedTerm(tooLong.text), max: MAX_TERM_CHARS });
  if (errors.some((e) => e.problem === 'too_many')) throw invalid('lexicon.too_many_entries', { max: MAX_LEXICON_ENTRIES });
  return { saved: await saveLexiconEntries(db, entries, now), errors };
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
