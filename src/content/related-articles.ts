import type { Db } from '../db/database.js';
import type { Article, ArticleCard } from './article.js';
import { listPublishedArticles } from './article-repo.js';

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
  const sharing = article.tags.length === 0 ? [] : await listSharingTags(db, article.id, now, limit);
  const byTags = sharing.length === 0 ? [] : sortedLike(sharing, await listPublishedArticles(db, { now, onlyIds: sharing, limit }));
  if (byTags.length >= limit) return byTags;
  const sameCategory = await listPublishedArticles(db, {
    now,
    categoryIds: [article.categoryId],
    excludeIds: [article.id, ...byTags.map((a) => a.id)],
    limit: limit - byTags.length,
  });
  return [...byTags, ...sameCategory];
}

/** Ids of visible articles sharing tags with the given one, most shared tags first, then newest. */
async function listSharingTags(db: Db, articleId: number, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_tags as mine')
    .innerJoin('article_tags as theirs', 'theirs.tag_id', 'mine.tag_id')
    .innerJoin('articles', 'articles.id', 'theirs.article_id')
    .where('mine.article_id', '=', articleId)
    .where('theirs.article_id', '!=', articleId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString())
    .select((eb) => ['articles.id', eb.fn.countAll().as('shared'), eb.fn.max('articles.published_at').as('published_at')])
    .groupBy('articles.id')
    .orderBy('shared', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

function sortedLike(ids: number[], cards: ArticleCard[]): ArticleCard[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
