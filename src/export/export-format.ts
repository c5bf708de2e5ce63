/**
 * The records of a bendi export (docs/export-format.md describes them for
 * people): one JSON object per line in one file per kind, so neither the
 * export nor the import holds a whole site in memory. Records name each
 * other by the source site's ids (articles, comments, readers, 专题, ads), or
 * by what is unique anyway (a category's slug, a staff account's username, a
 * media file's storage key, a tag's name).
 */

export const EXPORT_FORMAT = 'bendi-export';
/** Raised when a record changes in a way an older import would misread. */
export const EXPORT_VERSION = 1;

/** Each kind's file, in the order an import reads them: what a record names comes before it. */
export const EXPORT_FILES = {
  users: 'users.jsonl',
  media: 'media.jsonl',
  categories: 'categories.jsonl',
  tags: 'tags.jsonl',
  settings: 'settings.jsonl',
  readers: 'readers.jsonl',
  articles: 'articles.jsonl',
  comments: 'comments.jsonl',
  topics: 'topics.jsonl',
  ads: 'ads.jsonl',
} as const;
export type ExportKind = keyof typeof EXPORT_FILES;
export const MEDIA_DIR = 'media';
export const WXR_FILE = 'wordpress.xml';
export const MANIFEST_FILE = 'manifest.json';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** Random: names the export in the import map, so importing it twice changes nothing the second time. */
  exportId: string;
  exportedAt: string;
  siteName: string;
  /** Whether settings that are secrets (SMS keys, push tokens) are in settings.jsonl. */
  withSecrets: boolean;
  withRevisions: boolean;
  counts: Record<ExportKind, number> & { mediaFiles: number };
  files: typeof EXPORT_FILES;
}

export interface ExportedUser {
  id: number;
  username: string;
  displayName: string;
  realName: string;
  role: 'admin' | 'editor' | 'reviewer';
  disabled: boolean;
  createdAt: string;
}

export interface ExportedMedia {
  id: number;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
  byteSize: number;
  altText: string;
  fileName: string;
  /** The resized copies, each a file under media/ too. */
  variants: Array<{ width: number; height: number; key: string; contentType: string }>;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ExportedCategory {
  id: number;
  slug: string;
  name: string;
  parent: string | null;
  position: number;
  createdAt: string;
}

export interface ExportedTag {
  name: string;
}

export interface ExportedSetting {
  key: string;
  value: unknown;
  /** For a setting that names an image (logoMediaId…): the image's storage key, as ids change on import. */
  mediaKey?: string;
}

export interface ExportedReader {
  id: number;
  nickname: string;
  bannedAt: string | null;
  banReason: string | null;
  createdAt: string;
}

export interface ExportedRevision {
  title: string;
  bodyHtml: string;
  editor: string | null;
  createdAt: string;
}

export interface ExportedArticle {
  id: number;
  category: string;
  status: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  statusReason: string | null;
  title: string;
  summary: string;
  bodyHtml: string;
  leadImage: { storageKey: string; alt: string } | null;
  editorNote: string | null;
  credits: string | null;
  origin: 'original' | 'reprint';
  sourceName: string | null;
  sourceUrl: string | null;
  originalTitle: string | null;
  originalAuthor: string | null;
  responsibleEditor: string | null;
  author: string | null;
  publisher: string | null;
  publisherIpRegion: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  flags: { headline: boolean; recommended: boolean; pinned: boolean };
  reviewLevel: number;
  counts: { reads: number; likes: number; comments: number };
  tags: string[];
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first; only in an export made with revisions. */
  revisions?: ExportedRevision[];
}

export interface ExportedComment {
  id: number;
  article: number;
  /** The thread's top comment, for a reply (bendi threads one level deep). */
  parent: number | null;
  reader: number;
  /** The reader a reply answers (回复 @昵称). */
  replyToReader: number | null;
  body: string;
  status: 'pending' | 'published' | 'rejected' | 'deleted';
  flagged: boolean;
  ipRegion: string | null;
  likes: number;
  moderationReason: string | null;
  moderatedAt: string | null;
  createdAt: string;
}

export interface ExportedTopicSection {
  title: string;
  /** The hand-picked articles, by their ids in articles.jsonl, in the editor's order. */
  articles: number[];
  tag: string | null;
  tagLimit: number;
}

/** A 专题, with its sections in page order. */
export interface ExportedTopic {
  id: number;
  slug: string;
  title: string;
  banner: { storageKey: string; alt: string } | null;
  introHtml: string;
  position: number;
  showOnHome: boolean;
  status: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  statusReason: string | null;
  publishedAt: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  sections: ExportedTopicSection[];
}

/** An ad of a 广告位, with its figures per day; the marks that count one page view once are not exported. */
export interface ExportedAd {
  id: number;
  slot: string;
  title: string;
  body: string;
  /** An image ad's picture by its storage key; null for a text ad. */
  image: string | null;
  linkUrl: string;
  weight: number;
  startsAt: string;
  endsAt: string | null;
  enabled: boolean;
  /** The slugs of the categories whose pages show it; empty for every page of its slot. */
  categories: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Impressions and clicks per Beijing day (YYYY-MM-DD), oldest first. */
  days: Array<{ day: string; impressions: number; clicks: number }>;
}
