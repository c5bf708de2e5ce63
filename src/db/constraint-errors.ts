/**
 * Whether a driver error is a foreign key violation, by its code (never its
 * message): PostgreSQL's SQLSTATE 23503, better-sqlite3's extended code.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Whether a driver error is a unique violation, of a unique index or of the
 * primary key: SQLSTATE 23505 for both, better-sqlite3's extended codes.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
