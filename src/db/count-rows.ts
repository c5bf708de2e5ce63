import type { SelectQueryBuilder } from 'kysely';

/**
 * How many rows a query matches. PostgreSQL returns count(*) as a bigint,
 * which its driver hands over as a string; SQLite returns a number. Both
 * become a number here, so no caller converts.
 *
 * @example await countRows(db.selectFrom('comments').where('reader_id', '=', readerId))
 */
export async function countRows<DB, TB extends keyof DB>(query: SelectQueryBuilder<DB, TB, object>): Promise<number> {
  // Kysely cannot name the selected column's type for a query over any table; $castTo states it.
  const row = await query
    .select((eb) => eb.fn.countAll().as('rows'))
    .$castTo<{ rows: number | string }>()
    .executeTakeFirstOrThrow();
  return Number(row.rows);
}
