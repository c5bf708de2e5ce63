/**
 * What a hit on an entry does to the text it is found in:
 * - reject: the text is refused, with the entry's message when it has one;
 * - hold:   kept from the public until a moderator approves it;
 * - flag:   shown at once, but queued for a moderator;
 * - mask:   shown with the hit's letters replaced by ＊;
 * - allow:  an everyday phrase that contains a listed term ("国产视频会议" for "国产视频");
 *           any other hit lying wholly inside one of its occurrences is dropped.
 */
export type LexiconAction = 'reject' | 'hold' | 'flag' | 'mask' | 'allow';

/** The actions a hit can carry: everything except 'allow'. */
export type HitAction = Exclude<LexiconAction, 'allow'>;

export const LEXICON_ACTIONS: readonly LexiconAction[] = ['reject', 'hold', 'flag', 'mask', 'allow'];

/**
 * The longest term, in characters (code points): the longest phrases worth listing run to a
 * dozen or so. Screening cuts long texts into pieces that overlap by 200 characters
 * (moderation/screen-in-pieces.ts), so a term even spread out with fillers is still found whole;
 * and an import of a few words more is usually a file whose fields are not tab-separated.
 */
export const MAX_TERM_CHARS = 50;

/** Longer than MAX_TERM_CHARS, found without counting past it: a term of millions of characters costs nothing. */
export function isTermTooLong(term: string): boolean {
  if (term.length <= MAX_TERM_CHARS) return false;
  let count = 0;
  for (const _ of term) if (++count > MAX_TERM_CHARS) return true;
  return false;
}

export interface LexiconEntry {
  id?: number;
  /** As the admin wrote it; matching uses its normalized form. */
  term: string;
  action: LexiconAction;
  /** Shown to the writer when a 'reject' entry refuses the text. */
  message?: string;
}

// When two entries share a normalized term, the one that protects readers more
// wins: refusing beats holding, a moderator's look (hold, flag) beats silent
// masking, and an allow entry never cancels a listed term of its own.
const STRENGTH: Record<LexiconAction, number> = { reject: 4, hold: 3, flag: 2, mask: 1, allow: 0 };

export function isStronger(a: LexiconAction, b: LexiconAction): boolean {
  return STRENGTH[a] > STRENGTH[b];
}

export function isLexiconAction(value: string): value is LexiconAction {
  return (LEXICON_ACTIONS as readonly string[]).includes(value);
}
