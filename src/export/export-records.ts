import type { Selectable } from 'kysely';
import type { AdTable, ArticleRow, CommentTable, MediaRow, ReaderTable, TopicTable, UserRow } from '../db/schema.js';
import { toDate, toOptionalDate } from '../lib/db-values.js';
import { toMediaItem } from '../media/index.js';
import type {
  ExportedAd,
  ExportedArticle,
  ExportedComment,
  ExportedMedia,
  ExportedReader,
  ExportedRevision,
  ExportedTopic,
  ExportedTopicSection,
  ExportedUser,
} from './export-format.js';

/** Rows as export records: dates as ISO strings in UTC, SQLite's 0/1 as booleans, ids of other tables as what names them. */

const iso = (value: Date | string) => toDate(value).toISOString();
const optionalIso = (value: Date | string | null) => toOptionalDate(value)?.toISOString() ?? null;

/** No password hash, second factor or sign-in history: an export travels, and the accounts' owners set new passwords. */
export function userRecord(row: UserRow): ExportedUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    realName: row.real_name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: iso(row.created_at),
  };
}

export function mediaRecord(row: MediaRow, uploadedBy: string | null): ExportedMedia {
  return { ...toMediaItem(row), fileName: row.file_name, uploadedBy, createdAt: iso(row.created_at) };
}

/** A reader's phone number is personal data that signs them in: it is not exported (see docs/export-format.md). */
export function readerRecord(row: Selectable<ReaderTable>): ExportedReader {
  return { id: row.id, nickname: row.nickname, bannedAt: optionalIso(row.banned_at), banReason: row.ban_reason, createdAt: iso(row.created_at) };
}

/** Nor is a commenter's IP address: the comment keeps its IP属地, which pages show. */
export function commentRecord(row: Selectable<CommentTable>): ExportedComment {
  return {
    id: row.id,
    article: row.article_id,
    parent: row.parent_id,
    reader: row.reader_id,
    replyToReader: row.reply_to_reader_id,
    body: row.body,
    status: row.status,
    flagged: row.flagged === 1,
    ipRegion: row.ip_region,
    likes: row.like_count,
    moderationReason: row.moderation_reason,
    moderatedAt: optionalIso(row.moderated_at),
    createdAt: iso(row.created_at),
  };
}

export function articleRecord(
  row: ArticleRow,
  names: {
    category: string;
    leadImageKey: string | undefined;
    tags: string[];
    username: (id: number | null) => string | null;
    revisions: ExportedRevision[] | undefined;
  },
): ExportedArticle {
  return {
    id: row.id,
    category: names.category,
    status: row.status,
    statusReason: row.status_reason,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.body_html,
    leadImage: names.leadImageKey ? { storageKey: names.leadImageKey, alt: row.lead_image_alt ?? '' } : null,
    editorNote: row.editor_note,
    credits: row.credits,
    origin: row.origin,
    sourceName: row.source_name,
    sourceUrl: row.source_url,
    originalTitle: row.original_title,
    originalAuthor: row.original_author,
    responsibleEditor: row.responsible_editor,
    author: row.author,
    publisher: names.username(row.publisher_id),
    publisherIpRegion: row.publisher_ip_region,
    publishedAt: optionalIso(row.published_at),
    scheduledAt: optionalIso(row.scheduled_at),
    flags: { headline: row.is_headline === 1, recommended: row.is_recommended === 1, pinned: row.is_pinned === 1 },
    reviewLevel: row.review_level,
    counts: { reads: row.read_count, likes: row.like_count, comments: row.comment_count },
    tags: names.tags,
    createdBy: names.username(row.created_by),
    updatedBy: names.username(row.updated_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(names.revisions ? { revisions: names.revisions } : {}),
  };
}

/** The version that approvals name is left out: it counts edits on the source site and starts afresh on import. */
export function topicRecord(
  row: Selectable<TopicTable>,
  names: { bannerKey: string | undefined; sections: ExportedTopicSection[]; username: (id: number | null) => string | null },
): ExportedTopic {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    banner: names.bannerKey ? { storageKey: names.bannerKey, alt: row.banner_alt ?? '' } : null,
    introHtml: row.intro_html,
    position: row.position,
    showOnHome: row.show_on_home === 1,
    status: row.status,
    statusReason: row.status_reason,
    publishedAt: optionalIso(row.published_at),
    createdBy: names.username(row.created_by),
    updatedBy: names.username(row.updated_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    sections: names.sections,
  };
}

export function adRecord(
  row: Selectable<AdTable>,
  names: { imageKey: string | null; categories: string[]; days: ExportedAd['days']; username: (id: number | null) => string | null },
): ExportedAd {
  return {
    id: row.id,
    slot: row.slot,
    title: row.title,
    body: row.body,
    image: names.imageKey,
    linkUrl: row.link_url,
    weight: row.weight,
    startsAt: iso(row.starts_at),
    endsAt: optionalIso(row.ends_at),
    enabled: row.enabled === 1,
    categories: names.categories,
    createdBy: names.username(row.created_by),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    days: names.days,
  };
}
