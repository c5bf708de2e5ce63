import type { Db } from '../db/database.js';
import type { Article, ArticleCard } from './article.js';
import { CARD_COLUMNS, listPublishedArticles, toArticleCard } from './article-repo.js';

/**
 * 相关阅读: published articles sharing the most tags with `article`, the
 * newest first among equals; when fewer than `limit` share any, the rest
 * are the newest of its category, as before tags existed.
 *
 * Counting shared tags reads every article that carries one of them: a tag
 * on thousands of articles costs a few milliseconds, and the page cache
 * keeps that off most views.
 */
export async function listRelatedArticles(db: Db, article: Pick<Article, 'id' | 'categoryId' | 'tags'>, now: Date, limit: number): Promise<ArticleCard[]> {
  const byTags = article.tags.length === 0 ? [] : await listSharingTags(db, article.id, now, limit);
  if (byTags.length >= limit) return byTags;
  const sameCategory = await listPublishedArticles(db, {
    now,
    categoryIds: [article.categoryId],
    excludeIds: [article.id, ...byTags.map((a) => a.id)],
    limit: limit - byTags.length,
  });
  return [...byTags, ...sameCategory];
}

/** The card columns named by table, as a join with article_tags needs them. */
const CARD_COLUMNS_OF_ARTICLES = CARD_COLUMNS.map((column) => `articles.${column}` as const);

/**
 * Visible articles sharing tags with the given one, most shared tags first,
 * then newest: their cards come with the count, grouped by the article's
 * primary key (which PostgreSQL, too, accepts for the other columns).
 */
async function listSharingTags(db: Db, articleId: number, now: Date, limit: number): Promise<ArticleCard[]> {
  const rows = await db
    .selectFrom('article_tags as mine')
    .innerJoin('article_tags as theirs', 'theirs.tag_id', 'mine.tag_id')
    .innerJoin('articles', 'articles.id', 'theirs.article_id')
    .where('mine.article_id', '=', articleId)
    .where('theirs.article_id', '!=', articleId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString())
    .select(CARD_COLUMNS_OF_ARTICLES)
    .select((eb) => eb.fn.countAll().as('shared'))
    .groupBy('articles.id')
    .orderBy('shared', 'desc')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toArticleCard);
}
