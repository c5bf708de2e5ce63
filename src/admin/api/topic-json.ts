import { MAX_ALT_LENGTH } from '../../media/index.js';
import { MAX_TAG_CHARS } from '../../content/index.js';
import { dateTime } from '../../http/api-schemas.js';
import { type Topic, TOPIC_LIMITS } from '../../topics/index.js';

/** A 专题 as the admin API shows it. */
export function topicJson(topic: Topic) {
  return {
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    banner: topic.banner,
    introHtml: topic.introHtml,
    position: topic.position,
    showOnHome: topic.showOnHome,
    status: topic.status,
    statusReason: topic.statusReason,
    version: topic.version,
    publishedAt: topic.publishedAt?.toISOString() ?? null,
    createdBy: topic.createdBy,
    updatedBy: topic.updatedBy,
    createdAt: topic.createdAt.toISOString(),
    updatedAt: topic.updatedAt.toISOString(),
    sections: topic.sections,
  };
}

const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
const banner = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['mediaId', 'alt'],
  properties: { mediaId: id, alt: { type: 'string', maxLength: MAX_ALT_LENGTH } },
} as const;
const section = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: TOPIC_LIMITS.sectionTitleChars },
    articleIds: { type: 'array', maxItems: TOPIC_LIMITS.pickedArticles, items: id, default: [] },
    tag: { type: ['string', 'null'], maxLength: MAX_TAG_CHARS, default: null },
    tagLimit: { type: 'integer', minimum: 1, maximum: TOPIC_LIMITS.tagArticles, default: 10 },
  },
} as const;

/** The fields a request may send: everything but slug on an edit (see TopicChanges). */
export const topicInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: TOPIC_LIMITS.titleChars },
    banner,
    introHtml: { type: 'string', maxLength: 20000, description: 'Rich text: kept to the articles’ allowlist (sanitized when saved)' },
    position: { type: 'integer', minimum: 0, maximum: 10000, description: 'Order among 专题, smaller first' },
    showOnHome: { type: 'boolean' },
    sections: { type: 'array', maxItems: TOPIC_LIMITS.sections, items: section, description: 'In page order' },
  },
} as const;

/** A new 专题: its permanent slug too. */
export const newTopicSchema = {
  ...topicInputSchema,
  required: ['slug', 'title', 'introHtml'],
  properties: { ...topicInputSchema.properties, slug: { type: 'string', minLength: 1, maxLength: TOPIC_LIMITS.slugChars, description: 'Its address: /zt/{slug}' } },
} as const;

const nullableInteger = { type: ['integer', 'null'] } as const;

/** JSON schema of topicJson's output (components: Topic). */
export const topicSchema = {
  $id: 'Topic',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'slug', 'title', 'banner', 'introHtml', 'position', 'showOnHome', 'status', 'version', 'sections'],
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    title: { type: 'string' },
    banner: { type: ['object', 'null'], properties: { mediaId: { type: 'integer' }, alt: { type: 'string' } } },
    introHtml: { type: 'string' },
    position: { type: 'integer' },
    showOnHome: { type: 'boolean' },
    status: { type: 'string', enum: ['draft', 'pending', 'published', 'rejected', 'withdrawn'] },
    statusReason: { type: ['string', 'null'] },
    version: { type: 'integer' },
    publishedAt: { ...dateTime, type: ['string', 'null'] },
    createdBy: nullableInteger,
    updatedBy: nullableInteger,
    createdAt: dateTime,
    updatedAt: dateTime,
    sections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title', 'articleIds', 'tag', 'tagLimit'],
        properties: { title: { type: 'string' }, articleIds: { type: 'array', items: { type: 'integer' } }, tag: { type: ['string', 'null'] }, tagLimit: { type: 'integer' } },
      },
    },
  },
} as const;
