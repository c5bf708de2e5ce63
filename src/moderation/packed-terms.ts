import { LEXICON_ACTIONS, type LexiconEntry } from '../text/index.js';

/**
 * The terms and actions of a list, as a task for a worker thread: typed arrays,
 * moved to the thread rather than copied (a copy of 100,000 strings took the
 * event loop 30 to 70 ms, of as many objects 200 to 500 ms).
 */
export interface PackedTerms {
  /** Every term's UTF-16 code units, one after another. */
  readonly units: Uint16Array;
  /** Where each term ends in `units`. */
  readonly ends: Int32Array;
  /** Each term's action, as its index in LEXICON_ACTIONS. */
  readonly actions: Uint8Array;
}

export function packTerms(entries: ReadonlyArray<Pick<LexiconEntry, 'term' | 'action'>>): PackedTerms {
  let length = 0;
  for (const entry of entries) length += entry.term.length;
  const units = new Uint16Array(length);
  const ends = new Int32Array(entries.length);
  let at = 0;
  entries.forEach(({ term }, index) => {
    for (let i = 0; i < term.length; i++) units[at++] = term.charCodeAt(i);
    ends[index] = at;
  });
  return { units, ends, actions: Uint8Array.from(entries, (entry) => LEXICON_ACTIONS.indexOf(entry.action)) };
}

/**
 * The terms and actions again. A lone surrogate becomes U+FFFD, which matching
 * skips as it skipped the surrogate; a term of any length is decoded whole.
 */
export function unpackTerms({ units, ends, actions }: PackedTerms): Array<Pick<LexiconEntry, 'term' | 'action'>> {
  const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });
  return Array.from(ends, (end, index) => ({
    term: decoder.decode(units.subarray(index === 0 ? 0 : ends[index - 1], end)),
    action: LEXICON_ACTIONS[actions[index]!]!,
  }));
}

export function packedBuffers(task: PackedTerms): ArrayBuffer[] {
  return [task.units.buffer, task.ends.buffer, task.actions.buffer] as ArrayBuffer[];
}
