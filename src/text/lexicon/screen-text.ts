import { type CompiledTerm, compiledTerm, type Lexicon } from './compile-lexicon.js';
import type { HitAction, LexiconEntry } from './lexicon-entry.js';
import { maskHits } from './mask-text.js';
import { isWordChar, type NormalizedText, normalizeForMatching } from './normalize.js';
import { findPatterns } from './term-automaton.js';

export interface LexiconHit {
  /** The entry as the admin wrote it (its term may be the traditional or spaced-out form). */
  entry: LexiconEntry;
  term: string;
  /** What this hit does: the entry's action, softened when the hit spans a clause break. */
  action: HitAction;
  message?: string;
  /** UTF-16 range in the original text, end exclusive: `text.slice(start, end) === matched`. */
  start: number;
  end: number;
  matched: string;
}

export interface ScreenResult {
  /** Every hit, overlapping ones included, by start then longest first. */
  hits: LexiconHit[];
  /** The strongest hit action; 'mask' hits change only `masked`. */
  verdict: 'reject' | 'hold' | 'flag' | 'clean';
  /** The original text with each letter of every 'mask' hit replaced by ＊; fillers between them stay. */
  masked: string;
  /** The message of the first 'reject' hit that has one; otherwise the caller uses its own. */
  rejectMessage?: string;
  /** Allow-phrase occurrences, so the admin's "check any text" screen can say why a term did not fire. */
  allowed: AllowedPhrase[];
}

export interface AllowedPhrase {
  entry: LexiconEntry;
  start: number;
  end: number;
  matched: string;
}

// Chinese clause and sentence punctuation, line breaks, and the half-width marks
// people type in their place. A hit that runs across one ("充满激情！视频拍得好" for
// 激情视频) is as likely two sentences as a disguise, so it is never acted on
// without a person: reject becomes hold and mask becomes flag. The dot, space,
// underscore and emoji that spammers favour are not in this set.
const CLAUSE_BREAK = /[\r\n，。！？；：、…,!?;]/u;

/** A hit in normalized coordinates (UTF-16 units of NormalizedText.text, end exclusive). */
interface Span {
  term: CompiledTerm;
  from: number;
  to: number;
}

/**
 * Screens text against a lexicon. Pure: the caller logs the hits, stores the
 * masked text and decides what a verdict means for comments, nicknames or articles.
 *
 * @example screenText(lexicon, '婷 婷免費中文字幕').verdict === 'reject'
 */
export function screenText(lexicon: Lexicon, text: string): ScreenResult {
  const normalized = normalizeForMatching(text);
  const found: Span[] = [];
  for (const m of findPatterns(lexicon.automaton, normalized.text)) {
    const term = compiledTerm(lexicon, m.pattern);
    if (standsAlone(term, normalized, m.start, m.end)) found.push({ term, from: m.start, to: m.end });
  }
  const allows = found.filter((f) => f.term.entry.action === 'allow');
  const hits: LexiconHit[] = [];
  for (const f of outsideAllowed(found, allows)) {
    const { action } = f.term.entry;
    if (action !== 'allow') hits.push(toHit(f, action, text, normalized));
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const rejectMessage = hits.find((h) => h.action === 'reject' && h.message)?.message;
  return {
    hits,
    verdict: verdictOf(hits),
    masked: maskedText(text, hits),
    ...(rejectMessage ? { rejectMessage } : {}),
    allowed: allows
      .map((f) => ({ entry: f.term.entry, ...originalRange(f, text, normalized) }))
      .sort((a, b) => a.start - b.start),
  };
}

/**
 * The spans not lying wholly inside an allowed one. One sweep by start, not a
 * search of every allowed span per hit: a text repeating an allowed phrase
 * (他妈的确…) has as many of those as hits, and the search took seconds.
 * A span is covered when the furthest end of the allowed spans starting at
 * or before it reaches its own end.
 */
function outsideAllowed(spans: readonly Span[], allows: readonly Span[]): Span[] {
  const byFrom = (a: Span, b: Span) => a.from - b.from;
  const sortedAllows = [...allows].sort(byFrom);
  const kept: Span[] = [];
  let next = 0;
  let reach = -1;
  for (const span of [...spans].sort(byFrom)) {
    for (; next < sortedAllows.length && sortedAllows[next]!.from <= span.from; next++) reach = Math.max(reach, sortedAllows[next]!.to);
    if (span.to > reach) kept.push(span);
  }
  return kept;
}

function originalRange(f: Span, text: string, normalized: NormalizedText): { start: number; end: number; matched: string } {
  const start = normalized.starts[f.from]!;
  const end = normalized.ends[f.to - 1]!;
  return { start, end, matched: text.slice(start, end) };
}

function toHit(f: Span, action: HitAction, text: string, normalized: NormalizedText): LexiconHit {
  const { entry } = f.term;
  const { start, end, matched } = originalRange(f, text, normalized);
  const hit: LexiconHit = { entry, term: entry.term, action: effectiveAction(action, matched), start, end, matched };
  if (entry.message) hit.message = entry.message;
  return hit;
}

function effectiveAction(action: HitAction, matched: string): HitAction {
  if (!CLAUSE_BREAK.test(matched)) return action;
  if (action === 'reject') return 'hold';
  if (action === 'mask') return 'flag';
  return action;
}

/** False when a term that starts or ends with a letter or digit runs on into a word written against it. */
function standsAlone(term: CompiledTerm, n: NormalizedText, from: number, to: number): boolean {
  const touches = (left: number, right: number) => n.ends[left]! >= n.starts[right]!;
  if (term.wordStart && from > 0 && isWordChar(n.text[from - 1]) && touches(from - 1, from)) return false;
  if (term.wordEnd && to < n.text.length && isWordChar(n.text[to]) && touches(to - 1, to)) return false;
  return true;
}

/** The strongest action among the hits; 'mask' hits change only the masked text. */
export function verdictOf(hits: readonly LexiconHit[]): ScreenResult['verdict'] {
  for (const verdict of ['reject', 'hold', 'flag'] as const) {
    if (hits.some((h) => h.action === verdict)) return verdict;
  }
  return 'clean';
}

/** The text with each letter of every 'mask' hit replaced by ＊. */
export function maskedText(text: string, hits: readonly LexiconHit[]): string {
  return maskHits(text, hits.filter((h) => h.action === 'mask'));
}
