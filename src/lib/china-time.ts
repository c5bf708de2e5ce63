import { invalid } from './errors.js';

/**
 * All of China keeps Beijing time, whatever the server's own time zone is
 * (servers often run in UTC), so dates on pages are always shown in it.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const UTC_PLUS_8_MS = 8 * 3600_000;
/** 1992-01-01 00:00 in Beijing: China kept summer time (UTC+9) from 1986 to September 1991, never since. */
const UTC_PLUS_8_ALL_YEAR_SINCE = Date.UTC(1991, 11, 31, 16);

/**
 * The instant's wall clock at UTC+8, by arithmetic: Intl's formatToParts costs 25 µs a call,
 * and a page that is not in the cache shows dozens of times.
 */
function utcPlus8(date: Date): WallClock {
  const shifted = new Date(date.getTime() + UTC_PLUS_8_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(shifted.getUTCFullYear()),
    month: two(shifted.getUTCMonth() + 1),
    day: two(shifted.getUTCDate()),
    hour: two(shifted.getUTCHours()),
    minute: two(shifted.getUTCMinutes()),
    second: two(shifted.getUTCSeconds()),
  };
}

/** Beijing's wall clock at the instant as the time zone database has it (exported for the test that holds the arithmetic to it). */
export function timeZoneDatabaseWallClock(date: Date): WallClock {
  return Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value])) as unknown as WallClock;
}

/** Beijing's wall clock at the instant: UTC+8, or what the time zone database says for the summers before 1992. */
function parts(date: Date): WallClock {
  return date.getTime() >= UTC_PLUS_8_ALL_YEAR_SINCE ? utcPlus8(date) : timeZoneDatabaseWallClock(date);
}

/** 2023/03/14 08:59:41 */
export function formatChinaDateTime(date: Date): string {
  const p = parts(date);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** 2023-03-14 */
export function formatChinaDate(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The instant a Beijing day written 2023-03-14 starts, for a day a person typed
 * or picked in a form; Invalid('request.invalid_date') for a day no calendar has
 * (2026-02-30, 2024-13-45), which Date would otherwise roll over or not hold.
 */
export function startOfChinaDay(day: string): Date {
  const date = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(date.getTime()) || formatChinaDate(date) !== day) throw invalid('request.invalid_date', { day });
  return date;
}

export const DAY_MS = 86_400_000;

/** The `count` Beijing days ending with the one `now` falls in, oldest first, as YYYY-MM-DD. */
export function lastChinaDays(now: Date, count: number): string[] {
  const today = startOfChinaDay(formatChinaDate(now)).getTime();
  // Noon of each day, so no leap second or rounding can land on a neighbour.
  return Array.from({ length: count }, (_, i) => formatChinaDate(new Date(today - (count - 1 - i) * DAY_MS + DAY_MS / 2)));
}

/** 2023-03-14T08:59:41+08:00: a valid global date and time string in HTML's sense, for <time datetime>. */
export function formatChinaIso(date: Date): string {
  // Always the UTC+8 clock: the string says +08:00, so it names the right instant even in a summer before 1992.
  const p = utcPlus8(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`;
}

/** A time as a page shows it, with the exact instant for <time datetime> beside it. */
export interface ShownTime {
  text: string;
  iso: string;
  /** The page's script may say it the way people do (刚刚, 5分钟前, 昨天 08:30). */
  relative?: boolean;
}

/** Shown as 2023/03/14 08:59:41. */
export const shownDateTime = (date: Date): ShownTime => ({ text: formatChinaDateTime(date), iso: formatChinaIso(date) });

/**
 * Readers' pages: 2025年11月28日 08:30, which the page's script turns into
 * 刚刚 / 5分钟前 / 今天 08:30 / 昨天 08:30 / 11月28日 when it runs. Only the
 * absolute date is rendered here: pages are cached and shared, and
 * "5分钟前" written into a page would be wrong a minute later.
 */
export function shownReaderTime(date: Date): ShownTime {
  const p = parts(date);
  return { text: `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`, iso: formatChinaIso(date), relative: true };
}

export function chinaYear(date: Date): number {
  return Number(parts(date).year);
}
