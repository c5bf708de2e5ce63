import { type Article, MAX_BODY_CHARS, MAX_BODY_TAGS, MAX_TAG_CHARS, MAX_TAGS, MAX_TITLE_CHARS } from '../../content/index.js';
import { dateTime } from '../../http/api-schemas.js';

/** An article as the admin API shows it: the data model's fields, camelCase. */
export function articleJson(article: Article) {
  return {
    id: article.id,
    categoryId: article.categoryId,
    title: article.title,
    summary: article.summary,
    leadImage: article.leadImage,
    editorNote: article.editorNote,
    bodyHtml: article.bodyHtml,
    credits: article.credits,
    origin: article.origin,
    sourceName: article.reprint.sourceName,
    sourceUrl: article.reprint.sourceUrl,
    originalTitle: article.reprint.originalTitle,
    originalAuthor: article.reprint.originalAuthor,
    responsibleEditor: article.reprint.responsibleEditor,
    author: article.author,
    publisherId: article.publisherId,
    publisherIpRegion: article.publisherIpRegion,
    writerIpRegion: article.writerIpRegion,
    status: article.status,
    statusReason: article.statusReason,
    version: article.version,
    reviewLevel: article.reviewLevel,
    scheduledAt: article.scheduledAt?.toISOString() ?? null,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    readCount: article.counts.reads,
    likeCount: article.counts.likes,
    commentCount: article.counts.comments,
    flags: article.flags,
    tags: article.tags,
    createdBy: article.createdBy,
    updatedBy: article.updatedBy,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

const nullableString = { type: ['string', 'null'] } as const;

/** JSON schema of articleJson's output, for response serialization and the OpenAPI document (components: Article). */
export const articleSchema = {
  $id: 'Article',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    categoryId: { type: 'integer' },
    title: { type: 'string' },
    summary: { type: 'string' },
    leadImage: {
      type: ['object', 'null'],
      properties: { mediaId: { type: 'integer' }, alt: { type: 'string' } },
    },
    editorNote: nullableString,
    bodyHtml: { type: 'string' },
    credits: nullableString,
    origin: { type: 'string', enum: ['original', 'reprint'] },
    sourceName: nullableString,
    sourceUrl: nullableString,
    originalTitle: nullableString,
    originalAuthor: nullableString,
    responsibleEditor: nullableString,
    author: nullableString,
    publisherId: { type: ['integer', 'null'] },
    publisherIpRegion: nullableString,
    writerIpRegion: nullableString,
    status: { type: 'string', enum: ['draft', 'pending', 'published', 'rejected', 'withdrawn'] },
    statusReason: nullableString,
    version: { type: 'integer', description: 'Bumped by every edit; approving names the version read.' },
    reviewLevel: { type: 'integer' },
    scheduledAt: { ...dateTime, type: ['string', 'null'] },
    publishedAt: { ...dateTime, type: ['string', 'null'] },
    readCount: { type: 'integer' },
    likeCount: { type: 'integer' },
    commentCount: { type: 'integer' },
    flags: {
      type: 'object',
      properties: { headline: { type: 'boolean' }, recommended: { type: 'boolean' }, pinned: { type: 'boolean' } },
    },
    tags: { type: 'array', items: { type: 'string' }, description: '关键词, in the editor\'s order' },
    createdBy: { type: ['integer', 'null'] },
    updatedBy: { type: ['integer', 'null'] },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;

/** What a client may send when creating or updating an article. */
export const articleInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    categoryId: { type: 'integer', minimum: 1, maximum: 2147483647 },
    title: { type: 'string', minLength: 1, maxLength: MAX_TITLE_CHARS },
    summary: { type: 'string', maxLength: 500 },
    leadImage: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['mediaId', 'alt'],
      properties: { mediaId: { type: 'integer', minimum: 1, maximum: 2147483647 }, alt: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    editorNote: { type: ['string', 'null'], maxLength: 2000 },
    // The limits are checked by the content domain, whose refusal names them in words an editor can act on.
    bodyHtml: { type: 'string', description: `HTML, at most ${MAX_BODY_CHARS} characters and ${MAX_BODY_TAGS} tags` },
    credits: { type: ['string', 'null'], maxLength: 500 },
    origin: { type: 'string', enum: ['original', 'reprint'] },
    sourceName: { type: ['string', 'null'], maxLength: 100 },
    sourceUrl: { type: ['string', 'null'], maxLength: 1000, pattern: '^(https?://\\S+)?$' },
    originalTitle: { type: ['string', 'null'], maxLength: 200 },
    originalAuthor: { type: ['string', 'null'], maxLength: 100 },
    responsibleEditor: { type: ['string', 'null'], maxLength: 50 },
    author: { type: ['string', 'null'], maxLength: 100 },
    scheduledAt: { type: ['string', 'null'], format: 'date-time' },
    flags: {
      type: 'object',
      additionalProperties: false,
      properties: { headline: { type: 'boolean' }, recommended: { type: 'boolean' }, pinned: { type: 'boolean' } },
    },
    // Loose bounds only against abuse: the content domain checks the real ones and names the tag at fault.
    tags: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', maxLength: 100 },
      description: `关键词: each trimmed, 1–${MAX_TAG_CHARS} characters, at most ${MAX_TAGS} distinct; duplicates are dropped. Replaces the article's tags.`,
    },
  },
} as const;
