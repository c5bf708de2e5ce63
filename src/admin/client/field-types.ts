/**
 * How a form field's text becomes a JSON value for the API, named on the
 * element as data-type. Shared by the views that render the fields and the
 * script that reads them, so the two cannot drift apart.
 */
export type FieldType =
  /** A whole number; an empty field is left out. */
  | 'int'
  /** A whole number, or null when empty (an optional reference such as a parent or an image). */
  | 'int-or-null'
  /** A checkbox: true or false. */
  | 'bool'
  /** A textarea, one item a line; blank lines dropped. */
  | 'lines'
  /** Text, or null when blank. */
  | 'text-or-null'
  /** Text, left out when blank (the server's default applies). */
  | 'optional-text'
  /** A time typed as Beijing time (see beijingTextToIso), sent as ISO 8601 with +08:00; null when empty. */
  | 'beijing-datetime'
  /** A one-line list (关键词): items separated by commas (, or ，), 、 or semicolons; blank items dropped. */
  | 'list'
  /** A <select multiple> of ids: the chosen ones, as numbers (none chosen: an empty list). */
  | 'int-list';

/** How a 'list' field shows its items. */
export const TAG_SEPARATOR = '，';

/** The items of a 'list' field's text. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A time as staff type it, in Beijing time: 2026年12月01日 08:30, or with
 * - / . between the parts of the date (2026-12-01 08:30), 时 or ：for the colon.
 * Written out by the page rather than a datetime-local input, whose format
 * follows the browser's language (12/01/2026, 08:30 PM on an English one).
 */
const BEIJING_TEXT = /^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*(?:日\s*|\s+|T)(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?\s*$/;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Typed Beijing time → `2026-12-01T08:30:00+08:00`, which the API reads as
 * Beijing time whatever the computer's time zone (China has kept UTC+8 without
 * daylight saving since 1991). Null when blank; the text itself when it is no
 * time (2026年13月01日 too), so the API refuses it beside the field instead of
 * the schedule being cleared without a word.
 */
export function beijingTextToIso(text: string): string | null {
  if (text.trim() === '') return null;
  const match = BEIJING_TEXT.exec(text);
  if (!match) return text;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59) return text;
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:00+08:00`;
}

/** `08:30:05` Beijing time, for "已保存 08:30:05". */
export function beijingClock(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(11, 19);
}

/** `2026年12月01日 08:30` Beijing time, as the newsroom reads a date whatever the browser's language; '' for none. */
export function beijingChineseDateTime(iso: string | null | undefined): string {
  const time = iso ? new Date(iso).getTime() : Number.NaN;
  if (Number.isNaN(time)) return '';
  const local = new Date(time + BEIJING_OFFSET_MS).toISOString();
  return `${local.slice(0, 4)}年${local.slice(5, 7)}月${local.slice(8, 10)}日 ${local.slice(11, 16)}`;
}

/** `2026/12/01 08:30:05` Beijing time, as the public pages print times. */
export function beijingDateTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString();
  return `${local.slice(0, 10).replace(/-/g, '/')} ${local.slice(11, 19)}`;
}
