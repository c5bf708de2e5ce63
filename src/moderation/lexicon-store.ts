import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/database.js';
import { contains } from '../db/contains-pattern.js';
import { countRows } from '../db/count-rows.js';
import { dataVersion, raiseDataVersion } from '../db/data-versions.js';
import { lockKeys } from '../db/dialect.js';
import { invalid } from '../lib/errors.js';
import type { LexiconEntry } from '../text/index.js';

/**
 * The most entries the lexicon holds: twice the largest lists sites import (about 50,000 words).
 * Every instance keeps the compiled list in memory and compiles it again after each change.
 */
export const MAX_LEXICON_ENTRIES = 100_000;

/** Raised by every change to the entries, on any instance: compiled lexicons compare it with their own. */
export async function lexiconVersion(db: Db): Promise<number> {
  return dataVersion(db, 'lexicon');
}

type StoredEntry = LexiconEntry & { id: number };

function toEntry(row: { id: number; term: string; action: LexiconEntry['action']; message: string | null }): StoredEntry {
  return { id: row.id, term: row.term, action: row.action, ...(row.message ? { message: row.message } : {}) };
}

/** A page of the entries, newest first, and how many there are; with `text`, only those whose term contains it. */
export async function listLexiconPage(db: Db, query: { text?: string; limit: number; offset: number }): Promise<{ entries: StoredEntry[]; total: number }> {
  const { text } = query;
  const matching = text ? db.selectFrom('lexicon_entries').where(contains('term', text)) : db.selectFrom('lexicon_entries');
  const [rows, total] = await Promise.all([
    matching.select(['id', 'term', 'action', 'message']).orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    countRows(matching),
  ]);
  return { entries: rows.map(toEntry), total };
}

export async function countLexiconEntries(db: Db): Promise<number> {
  return countRows(db.selectFrom('lexicon_entries'));
}

/** Rows read at once when the whole list is read, with a turn of the event loop between reads: SQLite's reads hold it. */
const READ_PAGE = 5_000;

/** Every entry, in the order added: for compiling, which needs them all. */
export async function listLexiconEntries(db: Db): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('lexicon_entries').select(['id', 'term', 'action', 'message']).where('id', '>', after).orderBy('id').limit(READ_PAGE).execute();
    for (const row of rows) entries.push(toEntry(row));
    if (rows.length < READ_PAGE) return entries;
    after = rows[rows.length - 1]!.id;
    await nextTurn();
  }
}

// Rows per statement: well under SQLite's 32,766 bound parameters (4 a row) and PostgreSQL's 65,535.
const BATCH = 1000;

/**
 * Adds entries, replacing the action and message of terms already listed, all
 * in one transaction: an import is applied whole or not at all. Returns how
 * many were written. Throws Invalid('lexicon.too_many_entries'), writing
 * nothing, when the lexicon would then hold more than MAX_LEXICON_ENTRIES.
 */
export async function saveLexiconEntries(db: Db, entries: readonly LexiconEntry[], now: Date): Promise<number> {
  // One entry per term: a batch may not name the same row twice in an upsert.
  const unique = [...new Map(entries.map((e) => [e.term, e])).values()];
  const createdAt = now.toISOString();
  const toRow = (e: LexiconEntry) => ({ term: e.term, action: e.action, message: e.message ?? null, created_at: createdAt });
  await db.transaction().execute(async (trx) => {
    // One save at a time, so two imports racing cannot both stay under the limit and together pass it.
    await lockKeys(trx, ['lexicon']);
    for (let i = 0; i < unique.length; i += BATCH) {
      // SQLite's writes hold the event loop: between batches other requests are answered (those that write once this commits).
      if (i > 0) await nextTurn();
      await trx
        .insertInto('lexicon_entries')
        .values(unique.slice(i, i + BATCH).map(toRow))
        .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ action: eb.ref('excluded.action'), message: eb.ref('excluded.message') })))
        .execute();
    }
    // Counted after writing: a term already listed replaces its entry and adds no row.
    if ((await countLexiconEntries(trx)) > MAX_LEXICON_ENTRIES) throw invalid('lexicon.too_many_entries', { max: MAX_LEXICON_ENTRIES });
    await raiseDataVersion(trx, 'lexicon');
  });
  return unique.length;
}

export async function deleteLexiconEntry(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('lexicon_entries').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await raiseDataVersion(trx, 'lexicon');
    return true;
  });
}
