import { invalid } from '../lib/errors.js';

/** What a reader can report (举报) a comment or an article for; the page shows each as a button. */
export const REPORT_REASONS = ['spam', 'abuse', 'illegal', 'rumor', 'privacy', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** An optional note in the reader's own words, counted as a person counts characters. */
export const REPORT_NOTE_MAX_LENGTH = 200;

/**
 * Reports a reader or an address may make in an hour, comments and articles
 * together. A genuine reader reports a handful; a flood buries the queue
 * moderators must work through, so it is refused past these.
 */
export const REPORT_LIMITS = { perReaderPerHour: 10, perAddressPerHour: 30 } as const;

export interface ReportInput {
  readerId: number;
  reason: ReportReason;
  note?: string | undefined;
  ip: string;
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The note as kept: without zero-width characters and surrounding space,
 * null when nothing is left. Throws Invalid('reports.note_too_long').
 */
export function cleanNote(note: string | undefined): string | null {
  const text = (note ?? '').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim();
  if (!text) return null;
  if ([...graphemes.segment(text)].length > REPORT_NOTE_MAX_LENGTH) throw invalid('reports.note_too_long', { max: REPORT_NOTE_MAX_LENGTH });
  return text;
}
