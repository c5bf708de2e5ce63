import type { Db } from '../db/database.js';
import { bodyText } from '../text/index.js';
import { fullTextIndex } from './full-text.js';
import { segmentForIndex } from './segmenter.js';

/**
 * Brings an article's entry in the search index in line with the article:
 * indexed while it is published (a scheduled one too: searches check the
 * publishing time), removed otherwise. Content commands call it inside the
 * transaction that changed the article, so the index never shows a state the
 * articles table does not (tags are saved before it runs), and a withdrawn article is gone from search with
 * its commit.
 */
export async function syncArticleSearch(db: Db, articleId: number): Promise<void> {
  const article = await db
    .selectFrom('articles')
    .select(['status', 'title', 'summary', 'body_html'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  const index = fullTextIndex(db);
  if (article?.status !== 'published') return index.remove(db, articleId);
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .execute();
  // Tags go with the summary, weighed like it: an editor's own word for what the article is about.
  const summaryAndTags = [article.summary, ...tags.map((t) => t.name)].join('\n');
  const [title, summary, body] = await segmentForIndex(db, article.title, summaryAndTags, bodyText(article.body_html));
  await index.put(db, articleId, { title, summary, body });
}
