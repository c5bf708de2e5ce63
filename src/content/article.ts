/**
 * Characters (code points) in an article's title, as the admin API counts
 * them. The editor's maxlength counts UTF-16 units, so there a title of
 * emoji reaches the limit a little sooner.
 */
export const MAX_TITLE_CHARS = 200;

export type ArticleStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
export type ArticleOrigin = 'original' | 'reprint';

export interface ArticleImage {
  mediaId: number;
  alt: string;
}

/** What reprint rules require a 转载 to show: source, original title and author, responsible editor. */
export interface ReprintInfo {
  sourceName: string | null;
  sourceUrl: string | null;
  originalTitle: string | null;
  originalAuthor: string | null;
  responsibleEditor: string | null;
}

/** Counted by the engagement domain, never seeded: all three start at zero. */
export interface ArticleCounts {
  reads: number;
  likes: number;
  comments: number;
}

export interface Article {
  id: number;
  categoryId: number;
  title: string;
  summary: string;
  leadImage: ArticleImage | null;
  editorNote: string | null;
  /** Sanitized when saved: safe to render as markup. */
  bodyHtml: string;
  credits: string | null;
  origin: ArticleOrigin;
  reprint: ReprintInfo;
  author: string | null;
  publisherId: number | null;
  /** The approving staff account's IP属地, recorded when it was published (kept for the record). */
  publisherIpRegion: string | null;
  /** The writer's IP属地, recorded when written and when they submit it: the one readers are shown. */
  writerIpRegion: string | null;
  status: ArticleStatus;
  publishedAt: Date | null;
  counts: ArticleCounts;
  flags: { headline: boolean; recommended: boolean; pinned: boolean };
  /** 关键词, in the editor's order (see normalizeTags). */
  tags: string[];
  /** Bumped by every content edit: an approval names the version the reviewer read. */
  version: number;
  /** Approvals so far in the current review round. */
  reviewLevel: number;
  /** Why it was last rejected or withdrawn. */
  statusReason: string | null;
  /** When staff asked it to go live. */
  scheduledAt: Date | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a list shows of an article: everything but the body, which lists never need. */
export type ArticleCard = Pick<Article, 'id' | 'categoryId' | 'title' | 'summary' | 'leadImage' | 'origin' | 'publishedAt' | 'flags'>;

/**
 * When a published article last changed for readers: the later of its
 * publishing and its last edit (an article scheduled after its last edit
 * changed, for readers, when it went live).
 */
export function lastModified(article: Pick<Article, 'publishedAt' | 'updatedAt'>): Date {
  return article.publishedAt && article.publishedAt > article.updatedAt ? article.publishedAt : article.updatedAt;
}

/**
 * Readers may see an article only when it is published and its publishing
 * time has come (scheduled articles stay hidden until then).
 */
export function isVisibleToReaders(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return article.status === 'published' && article.publishedAt !== null && article.publishedAt <= now;
}
