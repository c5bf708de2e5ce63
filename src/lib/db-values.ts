/** SQLite returns timestamps as ISO strings, PostgreSQL as Date: repositories read both through this. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toOptionalDate(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}
