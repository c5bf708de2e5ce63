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
  created_at: Timestamp;
}

export interface StaffSessionTable {
  /** SHA-256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface MediaTable {
  id: Generated<number>;
  storage_key: string;
  content_type: string;
  width: number;
  height: number;
  byte_size: number;
  alt_text: string;
  created_at: Timestamp;
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
  status: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  published_at: Timestamp | null;
  read_count: Counter;
  like_count: Counter;
  comment_count: Counter;
  is_headline: Flag;
  is_recommended: Flag;
  is_pinned: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  settings: SettingTable;
  categories: CategoryTable;
  users: UserTable;
  staff_sessions: StaffSessionTable;
  media: MediaTable;
  articles: ArticleTable;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type UserRow = Selectable<UserTable>;
export type MediaRow = Selectable<MediaTable>;
