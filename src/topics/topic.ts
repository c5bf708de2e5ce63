import type { ArticleStatus } from '../content/index.js';

/** A 专题 goes through the articles' workflow: the same statuses, transitions and permissions. */
export type TopicStatus = ArticleStatus;

/** Limits of what an editor may give a 专题 (the admin API's schema states the same). */
export const TOPIC_LIMITS = {
  titleChars: 60,
  slugChars: 60,
  sectionTitleChars: 30,
  sections: 12,
  /** Hand-picked articles in one section. */
  pickedArticles: 50,
  /** Newest articles of a section's tag shown at most. */
  tagArticles: 30,
} as const;

export interface TopicImage {
  mediaId: number;
  alt: string;
}

export interface TopicSection {
  title: string;
  /** Hand-picked, in the editor's order; shown first. */
  articleIds: number[];
  /** A tag whose newest published articles follow the hand-picked ones; null for none. */
  tag: string | null;
  /** How many of the tag's newest articles at most. */
  tagLimit: number;
}

export interface Topic {
  id: number;
  /** Its address, /zt/:slug; permanent once chosen. */
  slug: string;
  title: string;
  banner: TopicImage | null;
  /** Sanitized when saved (the articles' body allowlist): safe to render as markup. */
  introHtml: string;
  /** Order among 专题, smaller first. */
  position: number;
  showOnHome: boolean;
  status: TopicStatus;
  /** Why it was last rejected or withdrawn. */
  statusReason: string | null;
  /** Bumped by every edit: an approval names the version the reviewer read. */
  version: number;
  publishedAt: Date | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** In page order. */
  sections: TopicSection[];
}

/** What lists and the home page show of a 专题. */
export type TopicCard = Pick<Topic, 'id' | 'slug' | 'title' | 'banner' | 'position' | 'publishedAt' | 'updatedAt'>;

/** Readers see a 专题 only once it is published; its articles are filtered on their own (see loadTopicForReaders). */
export function isTopicVisible(topic: Pick<Topic, 'status' | 'publishedAt'>, now: Date): boolean {
  return topic.status === 'published' && topic.publishedAt !== null && topic.publishedAt <= now;
}

/** The same shape as category slugs: lowercase letters, digits and single hyphens. */
export function isValidTopicSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= TOPIC_LIMITS.slugChars;
}
