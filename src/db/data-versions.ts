import type { Db } from './database.js';
import type { DataVersionTable } from './schema.js';

type DataName = DataVersionTable['name'];

/** The version of shared data, 0 before its first change: one small read, to ask whether a copy kept in memory is current. */
export async function dataVersion(db: Db, name: DataName): Promise<number> {
  const row = await db.selectFrom('data_versions').select('version').where('name', '=', name).executeTakeFirst();
  return row?.version ?? 0;
}

/** Raises the version, inside the transaction that changes the data: others see both at once, at its commit. */
export async function raiseDataVersion(trx: Db, name: DataName): Promise<void> {
  await trx
    .insertInto('data_versions')
    .values({ name, version: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ version: eb('data_versions.version', '+', 1) })))
    .execute();
}
