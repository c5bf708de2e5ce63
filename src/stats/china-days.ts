import { DAY_MS, formatChinaDate, startOfChinaDay } from '../lib/china-time.js';

/** The Monday (YYYY-MM-DD) starting the Beijing week a time falls in: weeks in China start on Monday. */
export function chinaWeekStart(time: Date): string {
  const day = formatChinaDate(time);
  const weekday = (startOfChinaDay(day).getTime() / DAY_MS + 0.5 + 3) % 7; // 1970-01-01 (Beijing) was a Thursday.
  return formatChinaDate(new Date(startOfChinaDay(day).getTime() - Math.floor(weekday) * DAY_MS + DAY_MS / 2));
}

/** A Beijing calendar month, 'YYYY-MM', as the instants it starts and ends (exclusive). */
export function chinaMonthRange(month: string): { since: Date; until: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
  return { since: startOfChinaDay(`${month}-01`), until: startOfChinaDay(`${next}-01`) };
}

/**
 * 'YYYY-MM', January to December of 1900 to 2099: a Beijing calendar month, as
 * request schemas check it. Bounded, because the month after 9999-12 is no date
 * JavaScript can write, and a report of the year 3000 is a typing mistake.
 */
export const MONTH_PATTERN = '^(19|20)\\d{2}-(0[1-9]|1[0-2])$';

/** The Beijing month a time falls in, 'YYYY-MM'. */
export const chinaMonth = (time: Date): string => formatChinaDate(time).slice(0, 7);
