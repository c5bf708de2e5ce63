import { type RawBuilder, sql } from 'kysely';

/**
 * `column LIKE '%text%'`, with LIKE's own wildcards in the text escaped, so
 * a search for 100% finds "100%" and not everything that starts with 100;
 * letters in either case, on both databases (SQLite's LIKE ignores case,
 * PostgreSQL's does not), so a search for "png" finds "IMG.PNG".
 *
 * @example db.selectFrom('media').where(({ or }) => or([contains('alt_text', q), contains('file_name', q)]))
 */
export function contains(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
