import type { Db } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { Article, ArticleCard } from './article.js';
import { CARD_COLUMNS_OF_ARTICLES, listPublishedArticles, toArticleCard } from './article-repo.js';

/**
 * 相关阅读: published articles sharing the most tags with `article`, the
 * newest first among equals; when fewer than `limit` share any, the rest
 * are the newest of its category, as before tags existed.
 *
 * Counting shared tags reads every article that carries one of them: a tag
 * on thousands of articles costs milliseconds (see listSharingTags), and the
 * page cache keeps that off most views.
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

/**
 * Visible articles sharing tags with the given one, most shared tags first,
 * then newest, with the count. The articles that share a tag are counted
 * first, through the tag index, and only they are looked up: joined in one
 * query, SQLite's planner started from the articles instead and read every
 * published one (63–66 ms on a site of 60,000 articles, now 4–6 ms when the
 * article's tags are on 3,000 others; bench/related-articles.bench.ts).
 * CROSS JOIN is how SQLite is told which table comes first; PostgreSQL reads it
 * as any join and plans the same order by itself (13–15 ms there, before too).
 */
async function listSharingTags(db: Db, articleId: number, now: Date, limit: number): Promise<ArticleCard[]> {
  const rows = await sharingTags(db, { articleId, now: now.toISOString(), limit });
  return rows.map(toArticleCard);
}

const sharingTags = preparedQuery((db, values: { articleId: number; now: string; limit: number }) => {
  const sharing = db
    .selectFrom('article_tags as mine')
    .innerJoin('article_tags as theirs', 'theirs.tag_id', 'mine.tag_id')
    .where('mine.article_id', '=', values.articleId)
    .where('theirs.article_id', '!=', values.articleId)
    .select((eb) => ['theirs.article_id', eb.fn.countAll().as('shared')])
    .groupBy('theirs.article_id')
    .as('sharing');
  return db
    .selectFrom(sharing)
    .crossJoin('articles')
    .whereRef('articles.id', '=', 'sharing.article_id')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', values.now)
    .select(CARD_COLUMNS_OF_ARTICLES)
    .orderBy('sharing.shared', 'desc')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(values.limit);
});
