import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import type { Article, ArticleStatus } from './article.js';
import { toArticle } from './article-repo.js';

export interface StaffArticleQuery {
  status?: ArticleStatus;
  categoryId?: number;
  /** The account that created it. */
  authorId?: number;
  /** Part of the title. */
  title?: string;
  limit: number;
  offset: number;
}

function filtered(db: Db, query: StaffArticleQuery) {
  let q = db.selectFrom('articles');
  if (query.status) q = q.where('status', '=', query.status);
  if (query.categoryId) q = q.where('category_id', '=', query.categoryId);
  if (query.authorId) q = q.where('created_by', '=', query.authorId);
  // LIKE's own wildcards in the search text are escaped, so 100% finds "100%".
  if (query.title) {
    const pattern = `%${query.title.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where(sql<boolean>`title like ${pattern} escape '\\'`);
  }
  return q;
}

/** Every article whatever its status, for staff: newest change first, with the total for paging. */
export async function listArticlesForStaff(db: Db, query: StaffArticleQuery): Promise<{ articles: Article[]; total: number }> {
  const [rows, total] = await Promise.all([
    filtered(db, query).selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    countRows(filtered(db, query)),
  ]);
  return { articles: rows.map(toArticle), total };
}

/**
 * Articles waiting for this person's approval, for the badge in the admin's
 * navigation: pending, and not theirs to leave alone — written by them or
 * edited by them since submission (unless they are an admin, who may), or
 * already passed by them at 初审 (终审 is someone else's).
 */
export async function countAwaitingReview(db: Db, reviewer: { id: number; isAdmin: boolean }): Promise<number> {
  let q = db
    .selectFrom('articles')
    .where('status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('article_reviews')
            .select('article_reviews.id')
            .whereRef('article_reviews.article_id', '=', 'articles.id')
            .whereRef('article_reviews.level', '=', 'articles.review_level')
            .where('article_reviews.reviewer_id', '=', reviewer.id)
            .where('article_reviews.decision', '=', 'approved')
            .where('articles.review_level', '>', 0),
        ),
      ),
    );
  if (!reviewer.isAdmin) {
    q = q
      .where((eb) => eb.or([eb('created_by', 'is', null), eb('created_by', '!=', reviewer.id)]))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('article_submission_editors').select('article_submission_editors.user_id').whereRef('article_submission_editors.article_id', '=', 'articles.id').where('article_submission_editors.user_id', '=', reviewer.id))),
      );
  }
  return countRows(q);
}
