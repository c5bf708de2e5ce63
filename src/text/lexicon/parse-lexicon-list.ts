import { lexiconKey } from './compile-lexicon.js';
import { isLexiconAction, isTermTooLong, type LexiconAction, type LexiconEntry } from './lexicon-entry.js';

export type LexiconLineProblem =
  /** The term has no letter or digit ("★★"), so it could never match. */
  | 'empty_term'
  /** The term is longer than MAX_TERM_CHARS. */
  | 'too_long'
  /** The second field is not reject, hold, flag, mask or allow. */
  | 'unknown_action'
  /** More than term, action and message. */
  | 'too_many_fields'
  /** The same term (after normalization) on an earlier line; the earlier one is kept. */
  | 'duplicate'
  /** An entry beyond `maxEntries`: reading stopped at this line. */
  | 'too_many';

export interface LexiconLineError {
  /** 1-based, as an editor shows it. */
  line: number;
  problem: LexiconLineProblem;
  text: string;
}

export interface ParsedLexiconList {
  entries: LexiconEntry[];
  errors: LexiconLineError[];
}

/**
 * Parses an admin's word list: one entry a line, `term[<TAB>action[<TAB>message]]`.
 * Blank lines and lines starting with `#` are skipped; a line without an action
 * gets `defaultAction`. Fields are separated by tabs only, because terms and
 * messages may contain spaces (spreadsheets export tabs). Bad lines are
 * returned as errors and left out; the good ones are still returned.
 *
 * @example parseLexiconList('色婷婷\treject\t请文明发言\n刷单返利\tflag\n', 'hold')
 */
export function parseLexiconList(text: string, defaultAction: LexiconAction): ParsedLexiconList {
  const reading = readLexiconList(text, defaultAction, Infinity, Infinity);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}

/**
 * parseLexiconList a piece at a time: it pauses after every `linesPerPiece`
 * lines, so a caller can let other work run between pieces (100,000 lines take
 * most of a second), and returns the same result at the end. Reading stops at
 * the line that would be entry `maxEntries + 1`, reported as 'too_many'.
 */
export function* readLexiconList(text: string, defaultAction: LexiconAction, maxEntries: number, linesPerPiece: number): Generator<void, ParsedLexiconList> {
  const entries: LexiconEntry[] = [];
  const errors: LexiconLineError[] = [];
  const seen = new Set<string>();
  // Windows editors save a byte-order mark and CRLF line ends.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    if (index > 0 && index % linesPerPiece === 0) yield;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const problem = (reason: LexiconLineProblem) => void errors.push({ line: index + 1, problem: reason, text: raw });
    const entry = parseLine(line, defaultAction);
    if (typeof entry === 'string') {
      problem(entry);
      continue;
    }
    // Before normalizing: a term of millions of characters costs seconds to normalize.
    if (isTermTooLong(entry.term)) {
      problem('too_long');
      continue;
    }
    const key = lexiconKey(entry.term);
    if (key === '') problem('empty_term');
    else if (seen.has(key)) problem('duplicate');
    else if (entries.length === maxEntries) {
      problem('too_many');
      break;
    } else {
      seen.add(key);
      entries.push(entry);
    }
  }
  return { entries, errors };
}

/** Staff write the action in Chinese as often as in English; both are accepted. */
const CHINESE_ACTIONS: Record<string, LexiconAction> = { 拒绝: 'reject', 待审: 'hold', 标记: 'flag', 打码: 'mask', 放行: 'allow' };

function parseLine(line: string, defaultAction: LexiconAction): LexiconEntry | 'too_many_fields' | 'unknown_action' {
  const [term = '', action = '', message = '', ...extra] = line.split('\t').map((field) => field.trim());
  if (extra.length > 0) return 'too_many_fields';
  const chosen = action === '' ? defaultAction : (CHINESE_ACTIONS[action] ?? action.toLowerCase());
  if (!isLexiconAction(chosen)) return 'unknown_action';
  return { term, action: chosen, ...(message ? { message } : {}) };
}
