import type { Db } from '../db/database.js';
import type { LexiconEntry } from '../text/index.js';

export async function listLexiconEntries(db: Db): Promise<Array<LexiconEntry & { id: number }>> {
  const rows = await db.selectFrom('lexicon_entries').select(['id', 'term', 'action', 'message']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, term: r.term, action: r.action, ...(r.message ? { message: r.message } : {}) }));
}

// Rows per statement: well under SQLite's 32,766 bound parameters (4 a row) and PostgreSQL's 65,535.
const BATCH = 1000;

/**
 * Adds entries, replacing the action and message of terms already listed, all
 * in one transaction: an import is applied whole or not at all. Returns how
 * many were written.
 */
export async function saveLexiconEntries(db: Db, entries: readonly LexiconEntry[], now: Date): Promise<number> {
  // One row per term: a batch may not name the same row twice in an upsert.
  const byTerm = new Map(entries.map((e) => [e.term, e]));
  const rows = [...byTerm.values()].map((e) => ({ term: e.term, action: e.action, message: e.message ?? null, created_at: now.toISOString() }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('lexicon_entries')
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ action: eb.ref('excluded.action'), message: eb.ref('excluded.message') })))
        .execute();
    }
  });
  return rows.length;
}

export async function deleteLexiconEntry(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('lexicon_entries').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
