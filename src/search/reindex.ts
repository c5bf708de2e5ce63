import { setImmediate as nextTurn } from 'node:timers/promises';
import { contains } from '../db/contains-pattern.js';
import type { Db } from '../db/database.js';
import { fullTextIndex } from './full-text.js';
import { syncArticleSearch } from './index-article.js';

/**
 * Articles re-segmented per transaction: short enough that pages are answered between batches (segmenting runs
 * on the event loop). Building the index of 60,000 articles at start held it up to 35 ms at a time (p99) in
 * batches of 50, 15 ms in batches of 10, in about the same 16 s (bench/crawler.bench.ts).
 */
const BATCH = 10;

const running = new WeakMap<Db, Promise<void>>();

/**
 * Work on the index runs in the background, one job at a time per database:
 * a second waits for the first, so a burst of dictionary edits cannot pile up
 * work. Errors go to `onError`; nothing on the request path waits for this.
 */
function enqueue(db: Db, job: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
  const next = (running.get(db) ?? Promise.resolve()).then(job).catch(onError);
  running.set(db, next);
  return next;
}

/**
 * Re-indexes the published articles whose title, summary, body or tags contain any
 * of `words`: the only ones a dictionary change can cut differently.
 */
export function reindexArticlesContaining(db: Db, words: readonly string[], onError: (error: unknown) => void): Promise<void> {
  return enqueue(db, () => indexInBatches(db, (afterId) => listContaining(db, words, afterId)), onError);
}

/** Indexes the published articles the index lacks: on a site that had articles before search came, at start. */
export function indexMissingArticles(db: Db, onError: (error: unknown) => void): Promise<void> {
  return enqueue(db, () => indexInBatches(db, (afterId) => fullTextIndex(db).listMissing(db, afterId, BATCH)), onError);
}

/** Resolves once every job started so far on `db` has finished: for tests and for an orderly stop. */
export function searchReindexSettled(db: Db): Promise<void> {
  return running.get(db) ?? Promise.resolve();
}

async function indexInBatches(db: Db, nextBatch: (afterId: number) => Promise<number[]>): Promise<void> {
  let afterId = 0;
  for (;;) {
    const ids = await nextBatch(afterId);
    if (ids.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await syncArticleSearch(trx, id);
    });
    afterId = ids[ids.length - 1]!;
    await nextTurn();
  }
}

async function listContaining(db: Db, words: readonly string[], afterId: number): Promise<number[]> {
  if (words.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    // In any case: the segmenter takes a word's Latin letters in either case (see segmenter.ts).
    .where((eb) =>
      eb.or(
        words.flatMap((word) => [
          contains('title', word),
          contains('summary', word),
          contains('body_html', word),
          eb.exists(
            eb
              .selectFrom('article_tags')
              .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
              .select('article_tags.article_id')
              .whereRef('article_tags.article_id', '=', 'articles.id')
              .where(contains('tags.name', word)),
          ),
        ]),
      ),
    )
    .orderBy('id')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}
