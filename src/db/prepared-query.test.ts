import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { buildCategory, uniqueSuffix } from '../test-support/factories.js';
import { paddedIds, preparedByIds, preparedQuery, standInsOf } from './prepared-query.js';
import { describeEachDatabase } from './testing.js';

/** Categories of one parent, from a position on, in the order the shape names: values in a comparison, a tuple and a limit. */
const childrenFrom = preparedQuery((db, values: { parentId: number; position: number; id: number; limit: number }, shape: 'asc' | 'desc') =>
  db
    .selectFrom('categories')
    .select(['slug', 'position'])
    .where('parent_id', '=', values.parentId)
    .where((eb) => eb(eb.refTuple('position', 'id'), '>=', eb.tuple(values.position, values.id)))
    .orderBy('position', shape)
    .limit(values.limit),
);

/** Categories by id, the list as long as the shape says. */
const categoriesByIds = preparedQuery((db, values: { ids: number[] }, shape: `${number}`) =>
  db.selectFrom('categories').select('slug').where('id', 'in', standInsOf(values.ids, Number(shape))).orderBy('id'),
);

const categoryById = preparedQuery((db, values: { id: number }) => db.selectFrom('categories').select('slug').where('id', '=', values.id));

describeEachDatabase('preparedQuery', (t) => {
  let parentId: number;
  let slugs: string[];

  before(async () => {
    parentId = (await buildCategory(t.db)).id;
    slugs = [];
    for (const position of [1, 2, 3, 4]) slugs.push((await buildCategory(t.db, { parentId, position })).slug);
  });

  it('runs each call with its own values, in every place a value goes', async () => {
    const from = async (position: number, limit: number, order: 'asc' | 'desc') =>
      (await childrenFrom(t.db, { parentId, position, id: 0, limit }, order)).map((row) => row.slug);
    assert.deepEqual(await from(1, 10, 'asc'), slugs);
    assert.deepEqual(await from(2, 2, 'asc'), slugs.slice(1, 3));
    assert.deepEqual(await from(3, 10, 'asc'), slugs.slice(2));
    // The other shape is compiled apart and does not replace the first.
    assert.deepEqual(await from(3, 10, 'desc'), slugs.slice(2).reverse());
    assert.deepEqual(await from(1, 1, 'asc'), slugs.slice(0, 1));
    assert.deepEqual(await childrenFrom(t.db, { parentId: parentId + 10_000, position: 0, id: 0, limit: 10 }, 'asc'), []);
  });

  it('runs inside a transaction, seeing what the transaction wrote and nothing once it rolled back', async () => {
    const slug = `prepared-${uniqueSuffix()}`;
    const rolledBack = new Error('roll back');
    let id = 0;
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        id = (await trx.insertInto('categories').values({ slug, name: slug, parent_id: null, position: 0, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
        assert.deepEqual(await categoryById(trx, { id }), [{ slug }]);
        throw rolledBack;
      }),
      rolledBack,
    );
    assert.deepEqual(await categoryById(t.db, { id }), []);
  });

  it('runs a list for `in` with each call\'s items, a list of each length compiled apart', async () => {
    const children = await t.db.selectFrom('categories').select(['id', 'slug']).where('parent_id', '=', parentId).orderBy('id').execute();
    const slugsOf = async (ids: number[]) => (await categoriesByIds(t.db, { ids }, `${ids.length}`)).map((row) => row.slug);
    const [a, b, c, d] = children.map((child) => child.id) as [number, number, number, number];
    assert.deepEqual(await slugsOf([a, c]), [slugs[0], slugs[2]]);
    assert.deepEqual(await slugsOf([d, b, a]), [slugs[0], slugs[1], slugs[3]]);
    assert.deepEqual(await slugsOf([b, d]), [slugs[1], slugs[3]]);
    assert.deepEqual(await slugsOf([c]), [slugs[2]]);
    // More lengths than are kept compiled: the oldest are dropped and compiled again when asked.
    for (let length = 1; length <= 70; length++) assert.deepEqual(await slugsOf(Array.from({ length }, () => b)), [slugs[1]]);
    assert.deepEqual(await slugsOf([a, c]), [slugs[0], slugs[2]]);
  });

  it('keeps the shapes used most recently compiled, however many others come and go', async () => {
    const built: string[] = [];
    const byShape = preparedQuery((db, values: { id: number }, shape: `${number}`) => {
      built.push(shape);
      return db.selectFrom('categories').select('slug').where('id', '=', values.id).limit(Number(shape));
    });
    const call = (shape: number) => byShape(t.db, { id: parentId }, `${shape}`);
    await call(1);
    // 99 other shapes, the first asked again after each: it is never the least recently used.
    for (let shape = 2; shape <= 100; shape++) await Promise.all([call(shape), call(1)]);
    assert.equal(built.filter((shape) => shape === '1').length, 1, 'the shape used all along was built once');
    await call(2);
    assert.equal(built.filter((shape) => shape === '2').length, 2, 'one unused since 98 others was dropped, and built again');
  });

  it('refuses a list of another length than its shape says, which would leave a place empty', async () => {
    await assert.rejects(categoriesByIds(t.db, { ids: [1, 2] }, '3'), /ids has 2 items, its shape says 3/);
  });

  it('runs a query by ids as the list comes, duplicates and any length, with the other values beside', async () => {
    const children = (await t.db.selectFrom('categories').select('id').where('parent_id', '=', parentId).orderBy('id').execute()).map((row) => row.id);
    const childrenByIds = preparedByIds((db, values: { parentId: number }, ids) =>
      db.selectFrom('categories').select('slug').where('parent_id', '=', values.parentId).where('id', 'in', ids).orderBy('id'),
    );
    const slugsOf = async (ids: number[]) => (await childrenByIds(t.db, { parentId }, ids)).map((row) => row.slug);
    assert.deepEqual(await slugsOf([children[2]!, children[0]!, children[2]!]), [slugs[0], slugs[2]]);
    assert.deepEqual(await slugsOf(children.slice(0, 3)), slugs.slice(0, 3));
    assert.deepEqual(await slugsOf([parentId]), [], 'the parent is not its own child');
  });

  it('pads a list of ids to a power of two with its last, so lists of many lengths share few shapes', () => {
    assert.deepEqual([[], [7], [7, 8], [7, 8, 9], [1, 2, 3, 4, 5]].map(paddedIds), [[], [7], [7, 8], [7, 8, 9, 9], [1, 2, 3, 4, 5, 5, 5, 5]]);
  });

  it('refuses a list made by the builder for standInsOf, which takes a list value', async () => {
    const made = preparedQuery((db, values: { id: number }) => db.selectFrom('categories').select('slug').where('id', 'in', standInsOf([values.id], 1)));
    await assert.rejects(made(t.db, { id: 1 }), /standInsOf takes a list value/);
  });

  it('fails at once, naming the value, when the builder decides by a value instead of placing it', async () => {
    const byLimit = preparedQuery((db, values: { limit: number }) => {
      const q = db.selectFrom('categories').select('slug');
      return values.limit > 1 ? q.limit(values.limit) : q.limit(1);
    });
    await assert.rejects(byLimit(t.db, { limit: 5 }), /decided by the value limit/);
  });
});
