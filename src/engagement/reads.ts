import type { Db } from '../db/database.js';

/** One read per visitor and article every 30 minutes: reloading a page is not reading it again. */
export const READ_WINDOW_MINUTES = 30;

// Search engines and scripts fetch pages without reading them; the rules forbid counting faked traffic.
const CRAWLER = /bot|spider|crawl|slurp|archiver|fetch|monitor|curl|wget|python|java\/|go-http|headless|lighthouse|preview|facebookexternalhit|bytespider|yisou|sogou|360spider|baidu/i;

export function isCrawler(userAgent: string | undefined): boolean {
  return !userAgent || CRAWLER.test(userAgent);
}

/**
 * Counts a read unless this visitor was counted for this article in the last
 * 30 minutes. One statement decides, so concurrent reads of distinct
 * visitors are all counted and repeats of one visitor are not.
 * Returns whether the read was counted.
 */
export async function recordRead(db: Db, articleId: number, visitor: string, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - READ_WINDOW_MINUTES * 60_000).toISOString();
  await pruneReadMarks(db, windowStart, now);
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .insertInto('article_read_marks')
      .values({ article_id: articleId, visitor, counted_at: now.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['article_id', 'visitor'])
          .doUpdateSet({ counted_at: now.toISOString() })
          .where('article_read_marks.counted_at', '<', windowStart),
      )
      .executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await trx.updateTable('articles').set((eb) => ({ read_count: eb('read_count', '+', 1) })).where('id', '=', articleId).execute();
    return true;
  });
}

// A mark older than the window decides nothing any more; deleting them (at most once a minute per
// process) keeps the table to about one window's worth of visitors.
let lastPrunedAt = 0;
async function pruneReadMarks(db: Db, windowStart: string, now: Date): Promise<void> {
  if (now.getTime() - lastPrunedAt < 60_000) return;
  lastPrunedAt = now.getTime();
  await db.deleteFrom('article_read_marks').where('counted_at', '<', windowStart).execute();
}
