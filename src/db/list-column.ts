import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';
import { databaseKind } from './dialect.js';

/** A list as one column of a row (see listColumn): PostgreSQL gives an array, SQLite JSON text. */
export type ListColumn<Item> = Item[] | string;

/**
 * What a subquery selects, `item` of each row `from` gives, as one column of the outer query, in `order`:
 * a row and the lists that belong to it in one statement, which on PostgreSQL is one round trip instead
 * of one for each. `from` may name the outer query's table. Read the column with listOf.
 */
export function listColumn<Item>(db: Db, item: RawBuilder<Item>, from: RawBuilder<unknown>, order?: RawBuilder<unknown>): RawBuilder<ListColumn<Item>> {
  const orderBy = order === undefined ? sql`` : sql` order by ${order}`;
  return databaseKind(db) === 'postgres'
    ? sql<ListColumn<Item>>`array(select ${item} ${from}${orderBy})`
    : sql<ListColumn<Item>>`(select json_group_array(${item}${orderBy}) ${from})`;
}

export const listOf = <Item>(column: ListColumn<Item>): Item[] => (typeof column === 'string' ? (JSON.parse(column) as Item[]) : column);
