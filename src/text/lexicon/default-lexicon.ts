import { readFileSync } from 'node:fs';
import type { LexiconEntry } from './lexicon-entry.js';
import { parseLexiconList } from './parse-lexicon-list.js';

/**
 * The lexicon a new site starts with (default-lexicon.txt, next to this file;
 * its header states the policy). Returns entries, not a compiled lexicon, so
 * they can be stored and then edited by admins like any imported list.
 *
 * @throws Error when the shipped file has a bad line: a packaging mistake, not user input.
 */
export function loadDefaultLexicon(): LexiconEntry[] {
  const text = readFileSync(new URL('./default-lexicon.txt', import.meta.url), 'utf8');
  const { entries, errors } = parseLexiconList(text, 'hold');
  if (errors.length > 0) {
    throw new Error(`default-lexicon.txt: ${errors.map((e) => `line ${e.line} ${e.problem}`).join(', ')}`);
  }
  return entries;
}
