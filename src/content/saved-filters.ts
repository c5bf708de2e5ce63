import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { invalid, notFound } from '../lib/errors.js';

/** A person's named filters of the article list (我的筛选), kept as the list's query string. */
export interface SavedFilter {
  id: number;
  name: string;
  /** `status=pending&categoryId=3`: only the list's own filters, in a fixed order. */
  query: string;
}

export const MAX_SAVED_FILTERS = 20;
export const MAX_FILTER_NAME = 20;
const FILTER_KEYS = ['status', 'categoryId', 'authorId', 'title'] as const;

/** The list's own filters from a query string, set ones only, in a fixed order: the same filters save as the same text. */
export function filterQuery(query: string): string {
  const given = new URLSearchParams(query);
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = given.get(key)?.trim();
    if (value) kept.set(key, value.slice(0, 100));
  }
  return kept.toString();
}

export async function listSavedFilters(db: Db, userId: number): Promise<SavedFilter[]> {
  return db.selectFrom('saved_filters').select(['id', 'name', 'query']).where('user_id', '=', userId).orderBy('name').execute();
}

/**
 * Saves the filters under a name, replacing the person's filter of that
 * name. Counted and written under a lock on the person, so a burst of saves
 * cannot pass MAX_SAVED_FILTERS. Throws Invalid for an empty or long name,
 * no filter at all, or one filter too many.
 */
export async function saveFilter(db: Db, input: { userId: number; name: string; query: string }, now: Date): Promise<SavedFilter> {
  const name = input.name.trim();
  if (!name || [...name].length > MAX_FILTER_NAME) throw invalid('content.filter_name_invalid', { field: 'name', max: MAX_FILTER_NAME });
  const query = filterQuery(input.query);
  if (!query) throw invalid('content.filter_empty', { field: 'query' });
  return db.transaction().execute(async (trx) => {
    await lockKeys(trx, [`saved-filters:${input.userId}`]);
    const existing = await trx.selectFrom('saved_filters').select('id').where('user_id', '=', input.userId).where('name', '=', name).executeTakeFirst();
    if (existing) {
      await trx.updateTable('saved_filters').set({ query }).where('id', '=', existing.id).execute();
      return { id: existing.id, name, query };
    }
    const { count } = await trx.selectFrom('saved_filters').select((eb) => eb.fn.countAll<number | string>().as('count')).where('user_id', '=', input.userId).executeTakeFirstOrThrow();
    if (Number(count) >= MAX_SAVED_FILTERS) throw invalid('content.too_many_filters', { max: MAX_SAVED_FILTERS });
    const row = await trx.insertInto('saved_filters').values({ user_id: input.userId, name, query, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, name, query };
  });
}

/** Deletes one of the person's own filters; another person's is not found. */
export async function deleteSavedFilter(db: Db, userId: number, id: number): Promise<void> {
  const deleted = await db.deleteFrom('saved_filters').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound('content.filter_not_found');
}
