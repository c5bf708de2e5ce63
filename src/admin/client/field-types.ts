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
  /** A datetime-local value read as Beijing time, sent as ISO 8601; null when empty. */
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
 * `2026-12-01T08:30` typed in Beijing time → `2026-12-01T00:30:00.000Z`.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset
 * is exact, whatever time zone the staff member's computer is set to.
 */
export function beijingLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - BEIJING_OFFSET_MS).toISOString();
}

/** The inverse, for a datetime-local input's value: ISO 8601 → `2026-12-01T08:30` in Beijing time. */
export function isoToBeijingLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** `08:30:05` Beijing time, for "已保存 08:30:05". */
export function beijingClock(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(11, 19);
}

/** `2026年12月01日 08:30` Beijing time, as the newsroom reads a date whatever the browser's language. */
export function beijingChineseDateTime(iso: string): string {
  const local = isoToBeijingLocal(iso);
  return local && `${local.slice(0, 4)}年${local.slice(5, 7)}月${local.slice(8, 10)}日 ${local.slice(11, 16)}`;
}

/** `2026/12/01 08:30:05` Beijing time, as the public pages print times. */
export function beijingDateTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString();
  return `${local.slice(0, 10).replace(/-/g, '/')} ${local.slice(11, 19)}`;
}
