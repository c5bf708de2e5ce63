import type { Db } from '../db/database.js';

/**
 * Who changed an article since it was last submitted for review. A reviewer
 * among them would be approving their own words, so the approval is someone
 * else's (admins excepted, with a note in the audit log).
 */
export async function listSubmissionEditors(db: Db, articleId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_submission_editors').select('user_id').where('article_id', '=', articleId).execute();
  return rows.map((r) => r.user_id);
}

export async function recordSubmissionEditor(db: Db, articleId: number, userId: number): Promise<void> {
  await db
    .insertInto('article_submission_editors')
    .values({ article_id: articleId, user_id: userId })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doNothing())
    .execute();
}

/** A submission starts a new review: what came before it is what the submitter sends. */
export async function clearSubmissionEditors(db: Db, articleId: number): Promise<void> {
  await db.deleteFrom('article_submission_editors').where('article_id', '=', articleId).execute();
}
