import { type ArticleCard, findTag, listPublishedArticles } from '../content/index.js';
import type { Db } from '../db/database.js';
import type { Topic, TopicCard } from './topic.js';
import { listPublishedTopics } from './topic-repo.js';

export interface TopicSectionArticles {
  title: string;
  /** The hand-picked articles in the editor's order, then the tag's newest. */
  articles: ArticleCard[];
}

/** How many 专题 the home page shows at most. */
export const HOME_TOPICS = 4;

/**
 * The articles each section of a 专题 shows readers: only those readers may
 * see (published, their time come), so an article withdrawn, unpublished or
 * still scheduled is simply absent, whatever the editor picked. Sections left
 * with no article are left out.
 */
export async function listTopicArticles(db: Db, topic: Pick<Topic, 'sections'>, now: Date): Promise<TopicSectionArticles[]> {
  const sections = await Promise.all(
    topic.sections.map(async (section) => {
      const picked = section.articleIds.length
        ? await listPublishedArticles(db, { now, onlyIds: section.articleIds, limit: section.articleIds.length })
        : [];
      const order = new Map(section.articleIds.map((id, i) => [id, i]));
      picked.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const tag = section.tag === null ? undefined : await findTag(db, section.tag);
      const tagged =
        tag === undefined ? [] : await listPublishedArticles(db, { now, tagId: tag.id, excludeIds: section.articleIds, limit: section.tagLimit });
      return { title: section.title, articles: [...picked, ...tagged] };
    }),
  );
  return sections.filter((s) => s.articles.length > 0);
}

/**
 * The 专题 an editor placed on the home page ("show on the home page"),
 * published ones only, in their order among 专题, at most HOME_TOPICS.
 */
export function homeTopics(db: Db, now: Date): Promise<TopicCard[]> {
  return listPublishedTopics(db, now, { onHome: true, limit: HOME_TOPICS });
}
