import { chinaYear } from '../lib/china-time.js';

/**
 * The copyright range printed in the footer, always ending in the current
 * year in Beijing time (the captured page still said 2019-2020 years later).
 */
export function copyrightYears(startYear: number | null, now: Date): string {
  const currentYear = chinaYear(now);
  if (!startYear || startYear >= currentYear) return String(currentYear);
  return `${startYear}-${currentYear}`;
}
