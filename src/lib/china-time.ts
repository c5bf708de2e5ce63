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

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
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

/** 2023-03-14T08:59:41+08:00: a valid global date and time string in HTML's sense, for <time datetime>. */
export function formatChinaIso(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`;
}

/** A time as a page shows it, with the exact instant for <time datetime> beside it. */
export interface ShownTime {
  text: string;
  iso: string;
}

/** Shown as 2023/03/14 08:59:41. */
export const shownDateTime = (date: Date): ShownTime => ({ text: formatChinaDateTime(date), iso: formatChinaIso(date) });

/** Shown as 2023-03-14. */
export const shownDate = (date: Date): ShownTime => ({ text: formatChinaDate(date), iso: formatChinaIso(date) });

export function chinaYear(date: Date): number {
  return Number(parts(date).year);
}
