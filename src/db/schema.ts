import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Timestamps are written as ISO-8601 UTC strings. SQLite hands them back as
 * strings, PostgreSQL (timestamptz) as Date; repositories turn both into Date.
 */
export type Timestamp = ColumnType<Date | string, string, string>;
/** Flags are 0/1 integers on both databases (better-sqlite3 cannot bind booleans). */
export type Flag = ColumnType<number, number | undefined, number>;
type Counter = ColumnType<number, number | undefined, number>;

export interface SettingTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface CategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  slug: string;
  name: string;
  position: number;
  created_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  real_name: string;
  role: 'admin' | 'editor' | 'reviewer';
  password_hash: string | null;
  disabled: Flag;
  failed_sign_ins: Counter;
  locked_until: Timestamp | null;
  /** Base32 TOTP secret; null when the second factor is off. */
  totp_secret: string | null;
  /** The time step of the last TOTP code accepted: each code works once. */
  totp_last_step: number | null;
  last_sign_in_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StaffSessionTable {
  /** SHA-256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Sent back with every state-changing form of the session. */
  csrf_token: string;
  ip: string | null;
}

export interface MediaTable {
  id: Generated<number>;
  storage_key: string;
  content_type: string;
  width: number;
  height: number;
  byte_size: number;
  alt_text: string;
  /** JSON: [{ width, height, key, contentType }] — resized copies for srcset. */
  variants: ColumnType<string, string | undefined, string>;
  /** As the uploader's computer named it; the stored name for uploads before names were kept. */
  file_name: ColumnType<string, string | undefined, string>;
  uploaded_by: number | null;
  created_at: Timestamp;
}

/** Where an image is used: kept by every article save (media/media-uses.ts). */
export interface MediaUseTable {
  media_id: number;
  article_id: number;
  place: 'lead' | 'body';
}

/** A file of a deleted image that storage has not removed yet (see media/pending-deletes.ts). */
export interface PendingMediaDeleteTable {
  storage_key: string;
  /** When an instance may try it: moved on by each claim, so two never work on the same key. */
  next_attempt_at: Timestamp;
}

/** A file of an upload under way (see media/uploads-in-progress.ts). */
export interface MediaUploadTable {
  storage_key: string;
  started_at: Timestamp;
}

export interface ArticleTable {
  id: Generated<number>;
  category_id: number;
  title: string;
  summary: string;
  lead_image_id: number | null;
  lead_image_alt: string | null;
  editor_note: string | null;
  body_html: string;
  credits: string | null;
  origin: 'original' | 'reprint';
  source_name: string | null;
  source_url: string | null;
  original_title: string | null;
  original_author: string | null;
  responsible_editor: string | null;
  author: string | null;
  publisher_id: number | null;
  publisher_ip_region: string | null;
  /** The writer's IP属地, as of writing or their latest submission. */
  writer_ip_region: string | null;
  status: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  published_at: Timestamp | null;
  read_count: Counter;
  like_count: Counter;
  comment_count: Counter;
  is_headline: Flag;
  is_recommended: Flag;
  is_pinned: Flag;
  /** Approvals so far in the current review round (初审 = 1, 终审 = 2). */
  review_level: Counter;
  /** Why it was last rejected or withdrawn. */
  status_reason: string | null;
  /** The time staff asked it to go live; published_at is set from it on approval. */
  scheduled_at: Timestamp | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Bumped by every content edit, so an approval can name the text it approves. */
  version: Counter;
}

/** Who changed an article since it was last submitted for review (cleared on submission). */
export interface ArticleSubmissionEditorTable {
  article_id: number;
  user_id: number;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  username: string;
  /** The address counted against per-address limits (countedAddress: an IPv6 client's /64). */
  ip: string;
  succeeded: number;
  created_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** Null: never expires. */
  expires_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  ip_region: string | null;
  details: string;
  created_at: Timestamp;
}

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  title: string;
  body_html: string;
  editor_id: number | null;
  created_at: Timestamp;
}

export interface ArticleReviewTable {
  id: Generated<number>;
  article_id: number;
  reviewer_id: number | null;
  level: number;
  decision: 'approved' | 'rejected';
  reason: string | null;
  created_at: Timestamp;
}

export interface ReaderTable {
  id: Generated<number>;
  /** Real identity behind (后台实名): the verified mobile number, never shown to other readers. */
  phone: string;
  /** Nickname in front (前台自愿). */
  nickname: string;
  banned_at: Timestamp | null;
  ban_reason: string | null;
  /** How many of the reader's comments moderators approved: the first N are held under publish-then-review. */
  approved_comments: Counter;
  /** Replies to the reader and likes of their comments after this are unread (我的). */
  notifications_seen_at: Timestamp | null;
  created_at: Timestamp;
}

/** A reader's nickname changes of the last day (older ones are deleted as the next is counted), for the limit on renames. */
export interface NicknameChangeTable {
  reader_id: number;
  changed_at: Timestamp;
}

export interface ReaderSessionTable {
  id: string;
  reader_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SmsCodeTable {
  id: Generated<number>;
  phone: string;
  code_hash: string;
  /** The address counted against per-address limits (countedAddress: an IPv6 client's /64). */
  ip: string;
  attempts: Counter;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  reader_id: number;
  parent_id: number | null;
  reply_to_reader_id: number | null;
  /** Stored as the reader wrote it (after masking); escaped when shown. */
  body: string;
  status: 'pending' | 'published' | 'rejected' | 'deleted';
  /** A lexicon entry with action 'flag' matched: shown, but queued for a moderator. */
  flagged: Flag;
  /** The address counted against per-address limits (countedAddress: an IPv6 client's /64). */
  ip: string;
  /** IP属地, from the full address. */
  ip_region: string | null;
  like_count: Counter;
  report_count: Counter;
  moderated_by: number | null;
  moderated_at: Timestamp | null;
  moderation_reason: string | null;
  created_at: Timestamp;
}

export interface CommentReportTable {
  id: Generated<number>;
  comment_id: number;
  reader_id: number | null;
  reason: string;
  /** What the reader added in their own words, if anything; escaped when shown. */
  note: string | null;
  /** The address the report came from, as limits count it (countedAddress: an IPv6 client's /64); '' for reports from before addresses were kept. */
  ip: string;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface ArticleReportTable {
  id: Generated<number>;
  article_id: number;
  reader_id: number | null;
  reason: string;
  note: string | null;
  /** The address counted against per-address limits (countedAddress: an IPv6 client's /64). */
  ip: string;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: number | null;
}

export interface ArticleLikeTable {
  article_id: number;
  reader_id: number;
  created_at: Timestamp;
}

export interface CommentLikeTable {
  comment_id: number;
  reader_id: number;
  /** Text on both databases: it is only ever shown, never compared. */
  created_at: string;
}

export interface ArticleReadMarkTable {
  article_id: number;
  /** A visitor cookie id, or a hash of address and browser when there is none. */
  visitor: string;
  /** The client address the read was counted from, as limits count it (countedAddress: an IPv6 client's /64); '' for marks from before addresses were kept. */
  ip: string;
  counted_at: Timestamp;
}

/** A batch of read counts from Redis that has been added to the articles (see engagement/counter-buffer.ts). */
/** Reads per article and Beijing day (YYYY-MM-DD), added with every increment of articles.read_count. */
export interface ArticleDailyReadTable {
  article_id: number;
  day: string;
  reads: number;
}

/** The whole site's reads per Beijing day (YYYY-MM-DD), kept with article_daily_reads. */
export interface SiteDailyReadTable {
  day: string;
  reads: number;
}

/** A URL waiting to be pushed to a search engine, or pushed (see search-push/). */
export interface PushQueueTable {
  id: Generated<number>;
  /** Whose URL: the worker makes it absolute with the site's origin. */
  article_id: number;
  engine: 'baidu' | 'indexnow';
  status: 'pending' | 'sent' | 'failed';
  attempts: Counter;
  next_attempt_at: Timestamp;
  last_result: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface CounterBatchTable {
  id: string;
  applied_at: Timestamp;
}

export interface LexiconEntryTable {
  id: Generated<number>;
  term: string;
  action: 'reject' | 'hold' | 'mask' | 'flag' | 'allow';
  message: string | null;
  created_at: Timestamp;
}

/** One row per kind of shared data that instances keep in memory, its version raised with every change. */
export interface DataVersionTable {
  name: 'lexicon';
  version: number;
}

export interface LexiconHitTable {
  id: Generated<number>;
  term: string;
  action: string;
  context: 'comment' | 'nickname' | 'article';
  target_id: string | null;
  reader_id: number | null;
  excerpt: string;
  created_at: Timestamp;
}

/** The segmenter's user dictionary (see src/search/). The full-text index itself, article_search, differs by database and is reached with raw SQL. */
export interface SearchWordTable {
  id: Generated<number>;
  word: string;
  created_at: Timestamp;
}

/** What an import made of each thing it read: see the migration 2026_12_01_2140_imports. */
export interface ImportMapTable {
  source: string;
  kind: 'author' | 'category' | 'post' | 'comment' | 'commenter' | 'image' | 'topic' | 'ad';
  source_key: string;
  target_id: number;
  created_at: Timestamp;
}

/** An imported post's old address (a path, or `/?p=ID`) and the article it became. */
export interface OldUrlTable {
  path: string;
  article_id: number;
  created_at: Timestamp;
}

/** 关键词, shared by the articles that carry them. */
export interface TagTable {
  id: Generated<number>;
  /** As the first editor to use it spelled it. */
  name: string;
  /**
   * foldTagName(name): unique, so tags that differ only in case are one. Null for a tag an instance of the
   * version before inserted during a rolling deploy; such a tag is found by its exact name.
   */
  folded: string | null;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  /** Order in the editor's list, from 0. */
  position: number;
}

/** A staff member's named article-list filter (see admin/saved-filters.ts). */
export interface SavedFilterTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: Timestamp;
}

/** 广告 in one named slot (see ads/). */
export interface AdTable {
  id: Generated<number>;
  slot: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  media_id: number | null;
  link_url: string;
  weight: number;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  enabled: Flag;
  targets_categories: Flag;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdCategoryTable {
  ad_id: number;
  category_id: number;
}

/** Impressions and clicks per ad and Beijing day (YYYY-MM-DD). */
export interface AdDailyStatTable {
  ad_id: number;
  day: string;
  impressions: ColumnType<number, number | undefined, number>;
  clicks: ColumnType<number, number | undefined, number>;
}

/** What one page view (its token) has counted of an ad: the impression, and a click. */
export interface AdViewMarkTable {
  view_token: string;
  ad_id: number;
  kind: 'impression' | 'click';
  /** The address counted against per-address limits (countedAddress: an IPv6 client's /64). */
  ip: string;
  created_at: Timestamp;
}

/** 专题: a special-topic page (topics/), reviewed like an article. */
export interface TopicTable {
  id: Generated<number>;
  slug: string;
  title: string;
  banner_media_id: number | null;
  banner_alt: string | null;
  /** Sanitized when saved, as article bodies are. */
  intro_html: string;
  position: number;
  show_on_home: Flag;
  status: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  status_reason: string | null;
  /** Bumped by every edit, so an approval names the version it approves. */
  version: Counter;
  published_at: Timestamp | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TopicSectionTable {
  id: Generated<number>;
  topic_id: number;
  position: number;
  title: string;
  tag_name: string | null;
  /** foldTagName(tag_name), matched against an article's tags. */
  tag_folded: string | null;
  tag_limit: number;
}

export interface TopicArticleTable {
  section_id: number;
  article_id: number;
  position: number;
}

export interface Database {
  settings: SettingTable;
  categories: CategoryTable;
  users: UserTable;
  staff_sessions: StaffSessionTable;
  media: MediaTable;
  media_uses: MediaUseTable;
  pending_media_deletes: PendingMediaDeleteTable;
  media_uploads: MediaUploadTable;
  articles: ArticleTable;
  sign_in_attempts: SignInAttemptTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  article_revisions: ArticleRevisionTable;
  article_reviews: ArticleReviewTable;
  article_submission_editors: ArticleSubmissionEditorTable;
  readers: ReaderTable;
  reader_sessions: ReaderSessionTable;
  nickname_changes: NicknameChangeTable;
  sms_codes: SmsCodeTable;
  comments: CommentTable;
  comment_reports: CommentReportTable;
  article_reports: ArticleReportTable;
  article_likes: ArticleLikeTable;
  comment_likes: CommentLikeTable;
  article_read_marks: ArticleReadMarkTable;
  counter_batches: CounterBatchTable;
  article_daily_reads: ArticleDailyReadTable;
  site_daily_reads: SiteDailyReadTable;
  lexicon_entries: LexiconEntryTable;
  lexicon_hits: LexiconHitTable;
  data_versions: DataVersionTable;
  search_words: SearchWordTable;
  import_map: ImportMapTable;
  old_urls: OldUrlTable;
  push_queue: PushQueueTable;
  saved_filters: SavedFilterTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  ads: AdTable;
  ad_categories: AdCategoryTable;
  ad_daily_stats: AdDailyStatTable;
  ad_view_marks: AdViewMarkTable;
  topics: TopicTable;
  topic_sections: TopicSectionTable;
  topic_articles: TopicArticleTable;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type UserRow = Selectable<UserTable>;
export type MediaRow = Selectable<MediaTable>;
