import { countRows } from '../db/count-rows.js';
import type { Db } from '../db/database.js';
import type { Article } from './article.js';
import { withTags } from './article-repo.js';

/**
 * The articles waiting for this reviewer, longest waiting first. Left out,
 * unless `everything` (admins, who may approve their own work): what they
 * wrote, what they changed since it was submitted, and what they passed at
 * 初审 themselves — the workflow would refuse their approval of those.
 */
export async function listReviewQueue(db: Db, reviewerId: number, options: { everything: boolean; limit: number }): Promise<Article[]> {
  const rows = await awaitingReview(db, reviewerId, options.everything).selectAll('articles').orderBy('articles.updated_at').orderBy('articles.id').limit(options.limit).execute();
  return withTags(db, rows);
}

/** How many articles listReviewQueue has for this reviewer, for the badge in the admin's navigation. */
export async function countAwaitingReview(db: Db, reviewerId: number, options: { everything: boolean }): Promise<number> {
  return countRows(awaitingReview(db, reviewerId, options.everything));
}

function awaitingReview(db: Db, reviewerId: number, everything: boolean) {
  let q = db.selectFrom('articles').where('articles.status', '=', 'pending');
  if (!everything) {
    q = q
      .where((eb) => eb.or([eb('articles.created_by', 'is', null), eb('articles.created_by', '!=', reviewerId)]))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('article_submission_editors as e').select('e.article_id').whereRef('e.article_id', '=', 'articles.id').where('e.user_id', '=', reviewerId))),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('article_reviews as r')
              .select('r.article_id')
              .whereRef('r.article_id', '=', 'articles.id')
              .whereRef('r.level', '=', 'articles.review_level')
              .where('r.decision', '=', 'approved')
              .where('r.reviewer_id', '=', reviewerId),
          ),
        ),
      );
  }
  return q;
}
