import type { Db } from '../db/database.js';
import type { LexiconEntry } from '../text/index.js';

export async function listLexiconEntries(db: Db): Promise<Array<LexiconEntry & { id: number }>> {
  const rows = await db.selectFrom('lexicon_entries').select(['id', 'term', 'action', 'message']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, term: r.term, action: r.action, ...(r.message ? { message: r.message } : {}) }));
}

/** Adds entries, replacing the action and message of terms already listed. Returns how many were written. */
export async function saveLexiconEntries(db: Db, entries: readonly LexiconEntry[], now: Date): Promise<number> {
  for (const entry of entries) {
    const values = { action: entry.action, message: entry.message ?? null };
    await db
      .insertInto('lexicon_entries')
      .values({ term: entry.term, ...values, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('term').doUpdateSet(values))
      .execute();
  }
  return entries.length;
}

export async function deleteLexiconEntry(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('lexicon_entries').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
