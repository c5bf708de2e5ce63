import type { Updateable } from 'kysely';
import { normalizeTags, SanitizedBody } from '../content/index.js';
import type { Db } from '../db/database.js';
import type { TopicTable } from '../db/schema.js';
import { invalid } from '../lib/errors.js';
import { checkedAltText, findMediaItems } from '../media/index.js';
import { isValidTopicSlug, type TopicImage, type TopicSection } from './topic.js';

/** What an editor gives a 专题; every field optional on an edit. */
export interface TopicFields {
  slug: string;
  title: string;
  banner: TopicImage | null;
  introHtml: string;
  position: number;
  showOnHome: boolean;
  sections: TopicSection[];
}

/** Fields checked and in their stored form: only prepareTopicFields makes one. */
export interface PreparedTopicFields {
  columns: Updateable<TopicTable>;
  sections: TopicSection[] | undefined;
}

/**
 * Checks an editor's fields and turns them into columns: the title trimmed
 * (markup in it stays text, escaped wherever it is shown), the introduction
 * sanitized in a text worker (the articles' allowlist), the banner checked to
 * be an image of the media library, every hand-picked article checked to
 * exist. Call it outside a transaction (see SanitizedBody).
 *
 * Throws Invalid: 'content.title_required', 'topics.invalid_slug',
 * 'topics.banner_not_found', 'topics.banner_not_image',
 * 'content.image_alt_required', 'topics.section_title_required',
 * 'content.tag_invalid', 'topics.unknown_articles', and those of SanitizedBody.
 */
export async function prepareTopicFields(db: Db, fields: Partial<TopicFields>): Promise<PreparedTopicFields> {
  const columns: Updateable<TopicTable> = {};
  if (fields.title !== undefined) {
    const title = fields.title.trim();
    if (!title) throw invalid('content.title_required', { field: 'title' });
    columns.title = title;
  }
  if (fields.slug !== undefined) {
    const slug = fields.slug.trim().toLowerCase();
    if (!isValidTopicSlug(slug)) throw invalid('topics.invalid_slug', { field: 'slug' });
    columns.slug = slug;
  }
  if (fields.banner !== undefined) {
    const banner = fields.banner && (await checkedBanner(db, fields.banner));
    columns.banner_media_id = banner?.mediaId ?? null;
    columns.banner_alt = banner?.alt ?? null;
  }
  if (fields.introHtml !== undefined) columns.intro_html = (await SanitizedBody.of(fields.introHtml)).html;
  if (fields.position !== undefined) columns.position = fields.position;
  if (fields.showOnHome !== undefined) columns.show_on_home = fields.showOnHome ? 1 : 0;
  const sections = fields.sections && (await checkedSections(db, fields.sections));
  return { columns, sections };
}

async function checkedBanner(db: Db, banner: TopicImage): Promise<TopicImage> {
  const media = (await findMediaItems(db, [banner.mediaId])).get(banner.mediaId);
  if (!media) throw invalid('topics.banner_not_found', { field: 'banner.mediaId', mediaId: banner.mediaId });
  if (!media.contentType.startsWith('image/')) throw invalid('topics.banner_not_image', { field: 'banner.mediaId', mediaId: banner.mediaId });
  return { mediaId: banner.mediaId, alt: checkedAltText(banner.alt) };
}

async function checkedSections(db: Db, sections: readonly TopicSection[]): Promise<TopicSection[]> {
  const checked = sections.map((section, index) => {
    const title = section.title.trim();
    if (!title) throw invalid('topics.section_title_required', { field: `sections.${index}.title`, number: index + 1 });
    const tag = section.tag?.trim() ? normalizeTags([section.tag])[0]! : null;
    // The same article twice in one section would show twice; the first place is kept.
    return { title, articleIds: [...new Set(section.articleIds)], tag, tagLimit: section.tagLimit };
  });
  const wanted = [...new Set(checked.flatMap((s) => s.articleIds))];
  if (wanted.length > 0) {
    const found = new Set((await db.selectFrom('articles').select('id').where('id', 'in', wanted).execute()).map((r) => r.id));
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length > 0) throw invalid('topics.unknown_articles', { field: 'sections', ids: unknown.join('、') });
  }
  return checked;
}
