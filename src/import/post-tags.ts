import { MAX_TAG_CHARS, MAX_TAGS, withoutFoldedDuplicates } from '../content/index.js';
import type { WxrItem } from './wxr-records.js';

/** What bendi's tag rules (content/tags.ts) refuse in a tag: control and format characters, slashes. */
const FORBIDDEN = /[\p{Cc}\p{Cf}/\\]+/gu;

/**
 * A post's WordPress tags as bendi tags: each cleaned to what a tag may
 * hold (forbidden characters become spaces, a long one is cut), duplicates
 * dropped (NBA and nba are one, see withoutFoldedDuplicates), at most MAX_TAGS kept in the export's order. An editor's save
 * refuses such tags; an import takes what it can and says what it changed.
 */
export function tagsOfPost(item: Pick<WxrItem, 'categories'>): { tags: string[]; changes: string[] } {
  const cleanedTags: string[] = [];
  const changes: string[] = [];
  for (const term of item.categories) {
    if (term.domain !== 'post_tag') continue;
    const given = (term.name || term.nicename).trim();
    const cleaned = given.replace(FORBIDDEN, ' ').trim().replace(/\s+/gu, ' ');
    const tag = [...cleaned].slice(0, MAX_TAG_CHARS).join('').trim();
    if (!tag) continue;
    if (tag !== given) changes.push(`标签“${given.slice(0, 40)}”改为“${tag}”`);
    cleanedTags.push(tag);
  }
  const tags = withoutFoldedDuplicates(cleanedTags);
  if (tags.length > MAX_TAGS) changes.push(`标签超过 ${MAX_TAGS} 个，只保留了前 ${MAX_TAGS} 个（未保留：${tags.slice(MAX_TAGS).join('、')}）`);
  return { tags: tags.slice(0, MAX_TAGS), changes };
}
