import { lexiconKey } from './compile-lexicon.js';
import { isLexiconAction, type LexiconAction, type LexiconEntry } from './lexicon-entry.js';

export type LexiconLineProblem =
  /** The term has no letter or digit ("★★"), so it could never match. */
  | 'empty_term'
  /** The second field is not reject, hold, flag, mask or allow. */
  | 'unknown_action'
  /** More than term, action and message. */
  | 'too_many_fields'
  /** The same term (after normalization) on an earlier line; the earlier one is kept. */
  | 'duplicate';

export interface LexiconLineError {
  /** 1-based, as an editor shows it. */
  line: number;
  problem: LexiconLineProblem;
  text: string;
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
export function parseLexiconList(
  text: string,
  defaultAction: LexiconAction,
): { entries: LexiconEntry[]; errors: LexiconLineError[] } {
  const entries: LexiconEntry[] = [];
  const errors: LexiconLineError[] = [];
  const seen = new Set<string>();
  // Windows editors save a byte-order mark and CRLF line ends.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const problem = (reason: LexiconLineProblem) => void errors.push({ line: index + 1, problem: reason, text: raw });
    const entry = parseLine(line, defaultAction);
    if (typeof entry === 'string') return problem(entry);
    const key = lexiconKey(entry.term);
    if (key === '') return problem('empty_term');
    if (seen.has(key)) return problem('duplicate');
    seen.add(key);
    entries.push(entry);
  });
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
