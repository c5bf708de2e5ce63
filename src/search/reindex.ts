import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/database.js';
import { syncArticleSearch } from './index-article.js';

/** Articles re-segmented per transaction: short enough that pages are answered between batches. */
const BATCH = 50;

const running = new WeakMap<Db, Promise<void>>();

/**
 * Re-indexes, in the background, the published articles whose title, summary
 * or body contain any of `words` (the only ones a dictionary change can cut
 * differently). One reindex at a time per database: a second waits for the
 * first, so a burst of dictionary edits cannot pile up work. Errors go to
 * `onError`; nothing waits for this on the request path.
 */
export function reindexArticlesContaining(db: Db, words: readonly string[], onError: (error: unknown) => void): Promise<void> {
  const previous = running.get(db) ?? Promise.resolve();
  const next = previous.then(() => reindex(db, words)).catch(onError);
  running.set(db, next);
  return next;
}

/** Resolves once every reindex started so far on `db` has finished: for tests and for an orderly stop. */
export function searchReindexSettled(db: Db): Promise<void> {
  return running.get(db) ?? Promise.resolve();
}

async function reindex(db: Db, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .where('id', '>', afterId)
      .where((eb) =>
        // Words are letters and digits only (see search-words.ts), so they hold no LIKE wildcards.
        eb.or(words.flatMap((word) => ['title', 'summary', 'body_html'].map((column) => eb(eb.ref(column as 'title'), 'like', `%${word}%`)))),
      )
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const { id } of rows) await syncArticleSearch(trx, id);
    });
    afterId = rows[rows.length - 1]!.id;
    await nextTurn();
  }
}
