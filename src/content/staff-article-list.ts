import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import type { Article, ArticleStatus } from './article.js';
import { withTags } from './article-repo.js';

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
  return { articles: await withTags(db, rows), total };
}
