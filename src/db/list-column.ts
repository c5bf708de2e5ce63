import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';
import { databaseKind } from './dialect.js';

/** A list as one column of a row (see listColumn): PostgreSQL gives an array, SQLite JSON text. */
export type ListColumn<Item extends string | number> = Item[] | string;

/**
 * A subquery's values, one a row, as one column of the outer query: a row and the lists that belong to it
 * in one statement, which on PostgreSQL is one round trip instead of one for each. `fromWhere` is the
 * subquery's `from … where …`, which may name the outer query's table; `order` orders the list. Text and
 * integer (int4) values only: they come back alike from both databases, where a bigint, a boolean or a
 * timestamp would not (pg reads them as strings, booleans and Dates, SQLite's JSON as numbers and text).
 * Read the column with listOf.
 */
export function listColumn<Item extends string | number>(
  db: Db,
  item: RawBuilder<Item>,
  fromWhere: RawBuilder<unknown>,
  order?: RawBuilder<unknown>,
): RawBuilder<ListColumn<Item>> {
  const orderBy = order === undefined ? sql`` : sql` order by ${order}`;
  return databaseKind(db) === 'postgres'
    ? sql<ListColumn<Item>>`array(select ${item} ${fromWhere}${orderBy})`
    : sql<ListColumn<Item>>`(select json_group_array(${item}${orderBy}) ${fromWhere})`;
}

export const listOf = <Item extends string | number>(column: ListColumn<Item>): Item[] => (typeof column === 'string' ? (JSON.parse(column) as Item[]) : column);
