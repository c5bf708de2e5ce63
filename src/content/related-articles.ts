import type { Db } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { Article, ArticleCard } from './article.js';
import { CARD_COLUMNS_OF_ARTICLES, toArticleCard } from './article-repo.js';
import { listPublishedArticles } from './published-lists.js';

/**
 * Entries of a tag counted for 相关阅读: its newest 200 (by id, the order
 * articles are written in; drafts and withdrawn ones among them). A tag on
 * every article, as many sites give 本地 or 民生, made each article page count
 * all of them: with 60,000 articles about 95 ms on SQLite, which blocks the
 * process, and 165 ms on PostgreSQL; 0.5 and 2.5 ms with the bound
 * (bench/related-articles.bench.ts). A narrow tag, on fewer articles than
 * this, is still counted whole; through a broad one, an older article counts
 * as not sharing it, and so ranks behind newer ones sharing as many other
 * tags. Ids follow writing, not publication: after an archive is imported
 * into a live site, a broad tag's newest entries are the archive's until
 * 200 new articles carry it.
 */
const CANDIDATES_PER_TAG = 200;

/** Keeps what `load` gives under `key`, for other pages to share (the page cache's shared data), or not at all. */
export type HoldShared = <T>(key: string, load: () => Promise<T>) => Promise<T>;

const holdNothing: HoldShared = (_key, load) => load();

/**
 * 相关阅读: published articles sharing the most tags with `article`, the
 * newest first among equals; when fewer than `limit` share any, the rest
 * are the newest of its category, as before tags existed. Only each tag's
 * newest `candidatesPerTag` articles are counted (see CANDIDATES_PER_TAG).
 * The category's newest are the same few for each of its articles: `hold`
 * may keep them for the others.
 */
export async function listRelatedArticles(
  db: Db,
  article: Pick<Article, 'id' | 'categoryId' | 'tags'>,
  now: Date,
  limit: number,
  { candidatesPerTag = CANDIDATES_PER_TAG, hold = holdNothing }: { candidatesPerTag?: number; hold?: HoldShared } = {},
): Promise<ArticleCard[]> {
  const byTags = article.tags.length === 0 ? [] : await listSharingTags(db, article, now, limit, candidatesPerTag);
  if (byTags.length >= limit) return byTags;
  // One more than `limit`: with the article itself and those sharing its tags left out, at least as many as are wanted remain.
  const newest = await hold(`newest-of-category|${article.categoryId}|${limit + 1}`, () =>
    listPublishedArticles(db, { now, categoryIds: [article.categoryId], limit: limit + 1 }),
  );
  const shown = new Set([article.id, ...byTags.map((a) => a.id)]);
  return [...byTags, ...newest.filter((a) => !shown.has(a.id)).slice(0, limit - byTags.length)];
}

/**
 * Visible articles sharing tags with the given one, most shared tags first,
 * then newest, with the count. The articles that share a tag are counted
 * first, through the tag index, and only they are looked up: joined in one
 * query, SQLite's planner started from the articles instead and read every
 * published one (63–66 ms on a site of 60,000 articles, 1.4 ms when the
 * article's tags are on 3,000 others, 0.4 ms with CANDIDATES_PER_TAG).
 * CROSS JOIN is how SQLite is told which table comes first; PostgreSQL reads it
 * as any join and plans by its estimates (see the LIMIT below). Each tag's entries are read
 * from its `candidatesPerTag`-th newest on, a range of the (tag_id, article_id)
 * index on both databases; SQLite has no LATERAL join to take them with a LIMIT.
 */
async function listSharingTags(
  db: Db,
  article: Pick<Article, 'id' | 'tags'>,
  now: Date,
  limit: number,
  candidatesPerTag: number,
): Promise<ArticleCard[]> {
  const rows = await sharingTags(db, {
    articleId: article.id,
    now: now.toISOString(),
    limit,
    newestSkipped: candidatesPerTag - 1,
    mostSharing: candidatesPerTag * article.tags.length,
  });
  return rows.map(toArticleCard);
}

interface SharingTagsValues {
  articleId: number;
  now: string;
  limit: number;
  newestSkipped: number;
  mostSharing: number;
}

const sharingTags = preparedQuery((db, values: SharingTagsValues) => {
  const sharing = db
    .selectFrom('article_tags as mine')
    .innerJoin('article_tags as theirs', (join) =>
      join.onRef('theirs.tag_id', '=', 'mine.tag_id').on((eb) => {
        const oldestCounted = eb
          .selectFrom('article_tags as counted')
          .whereRef('counted.tag_id', '=', 'mine.tag_id')
          .select('counted.article_id')
          .orderBy('counted.article_id', 'desc')
          .limit(1)
          .offset(values.newestSkipped);
        // A tag on fewer articles has no such entry: all of them count.
        return eb('theirs.article_id', '>=', eb.fn.coalesce(oldestCounted, eb.lit(0)));
      }),
    )
    .where('mine.article_id', '=', values.articleId)
    .where('theirs.article_id', '!=', values.articleId)
    .select((eb) => ['theirs.article_id', eb.fn.countAll().as('shared')])
    .groupBy('theirs.article_id')
    // No fewer than there are while the article's tags are still those it was read with: each tag brings at most
    // candidatesPerTag. It tells PostgreSQL so, which cannot estimate the bound above and, guessing a third of a
    // tag on every article, scanned all articles to join them (30 ms against 2–3 ms; bench/related-articles.bench.ts).
    // Were a tag added since, some would be left out, for that one page: ordered to choose which, this subquery
    // cost SQLite 250 µs more on every article page.
    .limit(values.mostSharing)
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
