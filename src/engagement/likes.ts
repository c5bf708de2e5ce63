import type { Db } from '../db/database.js';

/**
 * A reader likes an article: one like per reader and article. The like row
 * and the counter change in one transaction, and the counter moves only when
 * a row was really added, so 200 readers pressing at once leave exactly 200.
 * Returns the article's like count after the change.
 */
export async function likeArticle(db: Db, articleId: number, readerId: number, now: Date): Promise<{ likes: number; liked: true }> {
  return db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('article_likes')
      .values({ article_id: articleId, reader_id: readerId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['article_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 1) {
      await trx.updateTable('articles').set((eb) => ({ like_count: eb('like_count', '+', 1) })).where('id', '=', articleId).execute();
    }
    return { likes: await likeCount(trx, articleId), liked: true };
  });
}

/** A second press takes the like back. */
export async function unlikeArticle(db: Db, articleId: number, readerId: number): Promise<{ likes: number; liked: false }> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('article_likes').where('article_id', '=', articleId).where('reader_id', '=', readerId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 1) {
      await trx.updateTable('articles').set((eb) => ({ like_count: eb('like_count', '-', 1) })).where('id', '=', articleId).execute();
    }
    return { likes: await likeCount(trx, articleId), liked: false };
  });
}

async function likeCount(db: Db, articleId: number): Promise<number> {
  const row = await db.selectFrom('articles').select('like_count').where('id', '=', articleId).executeTakeFirst();
  return row?.like_count ?? 0;
}

export async function hasLiked(db: Db, articleId: number, readerId: number): Promise<boolean> {
  const row = await db.selectFrom('article_likes').select('reader_id').where('article_id', '=', articleId).where('reader_id', '=', readerId).executeTakeFirst();
  return row !== undefined;
}
