import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './database.js';
import { databaseKind } from './dialect.js';

/**
 * Stands in for a call's value (or for item `index` of a list value `length` long) while the query is
 * built once: a unique object, found again in the compiled parameters.
 */
class StandIn {
  constructor(
    readonly name: string,
    readonly item?: { index: number; length: number },
  ) {}

  valueIn(values: object): unknown {
    const value: unknown = values[this.name as keyof typeof values];
    if (this.item === undefined) return value;
    const list = value as readonly unknown[];
    // A shorter list would leave a place empty (NULL: `not in` would then match nothing), a longer one items out.
    if (list.length !== this.item.length) throw new Error(`preparedQuery: ${this.name} has ${list.length} items, its shape says ${this.item.length}`);
    return list[this.item.index];
  }

  /**
   * A builder that compares, adds or prints a value decides by it, which a query built once cannot: the
   * decision taken for the first call's stand-in would hold for every call. It fails at once instead.
   */
  [Symbol.toPrimitive](): never {
    throw new Error(`preparedQuery: the query's shape was decided by the value ${this.name}; pass what decides it as the shape`);
  }
}

/** Each value's stand-in, typed as the value, for the builder to place where the value goes. */
const standIns = new Proxy({}, { get: (_target, name) => new StandIn(String(name)) });

/**
 * Stand-ins for the first `length` items of a list value (`values.ids`), for an `in (…)`: the list's
 * length changes the SQL, so the caller passes it in the shape and the builder reads it back from there.
 */
export function standInsOf<Item>(list: readonly Item[], length: number): Item[] {
  if (!(list instanceof StandIn) || list.item !== undefined) throw new Error('preparedQuery: standInsOf takes a list value as the builder got it (values.ids)');
  return Array.from({ length }, (_, index) => new StandIn(list.name, { index, length }) as Item);
}

/**
 * A list of ids for `in` or `not in`, its last item repeated up to the next power of two, which changes
 * neither: a query taking lists of any length up to 100 then has 8 shapes (see MAX_SHAPES), not 101.
 */
export function paddedIds(ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const length = 2 ** Math.ceil(Math.log2(ids.length));
  return Array.from({ length }, (_, i) => ids[Math.min(i, ids.length - 1)]!);
}

/**
 * Shapes kept compiled for one query: a list's length is part of its shape (see paddedIds). Past this
 * number, the shape used least recently is dropped.
 */
const MAX_SHAPES = 64;

/**
 * A query built and compiled once per database, then run with each call's
 * values in their places.
 *
 * Kysely builds a query's tree and compiles it to SQL anew on every call. For
 * the lists of an article page that is 40–150 µs a query, more than SQLite
 * takes to run most of them (bench/README.md, "Where a rendered article's time
 * goes"). Hand-written: Kysely has no prepared form of a built query, and the
 * package that gave one (kysely-params) was made for a Kysely two versions
 * older and is no longer kept.
 *
 * `build` gets stand-ins for the values, not the values: it may place one only
 * where Kysely makes a parameter of it (a comparison, a tuple, a limit), never
 * decide anything by it. A list for `in` is made of the list value's items
 * with standInsOf, as long as the shape says. What changes the SQL itself is
 * the `shape`, a string the caller passes: each shape is built and compiled
 * once.
 *
 * @example
 * const articleTitle = preparedQuery((db, values: { id: number }) =>
 *   db.selectFrom('articles').select('title').where('id', '=', values.id));
 * const rows = await articleTitle(db, { id: 7 });
 *
 * const articleTitles = preparedQuery((db, values: { ids: number[] }, shape: `${number}`) =>
 *   db.selectFrom('articles').select('title').where('id', 'in', standInsOf(values.ids, Number(shape))));
 * const padded = paddedIds(ids);
 * const rows = await articleTitles(db, { ids: padded }, `${padded.length}`);
 */
export function preparedQuery<Values extends object, Row, Shape extends string = ''>(
  build: (db: Db, values: Values, shape: Shape) => Compilable<Row>,
): (db: Db, values: Values, ...shape: Shape extends '' ? [] : [Shape]) => Promise<Row[]> {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return async (db, values, ...shapes) => {
    // The rest parameter's one element when Shape is not '', none when it is.
    const shape = (shapes[0] ?? '') as Shape;
    const key = `${databaseKind(db)} ${shape}`;
    let query = compiled.get(key);
    if (query) compiled.delete(key);
    else {
      query = build(db, standIns as Values, shape).compile();
      if (compiled.size >= MAX_SHAPES) compiled.delete(compiled.keys().next().value!);
    }
    // Kept last in the map's order, which is the order of use: the first is the least recently used.
    compiled.set(key, query);
    const parameters = query.parameters.map((p) => (p instanceof StandIn ? p.valueIn(values) : p));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}

/**
 * A prepared query of rows by a list of ids (`in`), with other values beside: the ids are deduplicated
 * and padded (paddedIds), and their number is the shape, so callers pass the list as it comes.
 *
 * @example
 * const mediaByIds = preparedByIds((db, _values: object, ids) => db.selectFrom('media').selectAll().where('id', 'in', ids));
 * const rows = await mediaByIds(db, {}, [3, 1, 3]);
 */
export function preparedByIds<Values extends object, Row>(
  build: (db: Db, values: Values, ids: number[]) => Compilable<Row>,
): (db: Db, values: Values, ids: readonly number[]) => Promise<Row[]> {
  const query = preparedQuery((db, values: Values & { ids: number[] }, shape: `${number}`) => build(db, values, standInsOf(values.ids, Number(shape))));
  return (db, values, ids) => {
    const padded = paddedIds([...new Set(ids)]);
    return query(db, { ...values, ids: padded }, `${padded.length}`);
  };
}
