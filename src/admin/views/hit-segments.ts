import type { HitAction } from '../../text/index.js';

/** What a segment needs of a lexicon hit: where it is in the text (UTF-16, end exclusive), its entry and what it does. */
export interface HitSpan {
  start: number;
  end: number;
  term: string;
  action: HitAction;
}

/** A run of the text: plain, or covered by one or more hits (overlapping hits share one run). */
export interface TextSegment {
  text: string;
  hits: HitSpan[];
}

const STRENGTH: Record<HitAction, number> = { reject: 4, hold: 3, flag: 2, mask: 1 };

/**
 * Cuts a text into plain runs and runs covered by lexicon hits, for showing
 * the hits highlighted. Overlapping or touching-inside hits ("刷单" inside
 * "刷单返利") become one run carrying all of them, so no letter is shown twice.
 * Pure, and used by the server views and the browser scripts alike.
 *
 * @example hitSegments('加我刷单', [{ start: 2, end: 4, term: '刷单', action: 'flag' }])
 *          // [{ text: '加我', hits: [] }, { text: '刷单', hits: [hit] }]
 */
export function hitSegments(text: string, hits: readonly HitSpan[]): TextSegment[] {
  const sorted = hits.filter((h) => h.start < h.end && h.start >= 0 && h.end <= text.length).sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  let i = 0;
  while (i < sorted.length) {
    const group = [sorted[i]!];
    let end = sorted[i]!.end;
    for (i++; i < sorted.length && sorted[i]!.start < end; i++) {
      group.push(sorted[i]!);
      end = Math.max(end, sorted[i]!.end);
    }
    const start = group[0]!.start;
    if (start > at) segments.push({ text: text.slice(at, start), hits: [] });
    segments.push({ text: text.slice(start, end), hits: group });
    at = end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), hits: [] });
  return segments;
}

/** The hit that decides a run's colour: the one that protects readers most. */
export function strongestHit(hits: readonly HitSpan[]): HitSpan | undefined {
  return hits.reduce<HitSpan | undefined>((best, h) => (!best || STRENGTH[h.action] > STRENGTH[best.action] ? h : best), undefined);
}

/** Where a hit starts and ends as a person counts characters (1-based, emoji as one): "第 3–4 字". */
export function personRange(text: string, start: number, end: number): { from: number; to: number } {
  const before = Array.from(text.slice(0, start)).length;
  return { from: before + 1, to: before + Array.from(text.slice(start, end)).length };
}
