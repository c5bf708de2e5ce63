import { invalid } from '../lib/errors.js';

/** At most this many tags an article: more stops being a description and starts being keyword stuffing. */
export const MAX_TAGS = 10;
/** Characters (code points) in one tag. */
export const MAX_TAG_CHARS = 20;

/**
 * Control and invisible format characters would make two tags that look the
 * same different pages; a slash would read as a path in the tag page's URL.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}/\\]/u;

/**
 * An editor's tags as they are stored: each trimmed, inner runs of spaces
 * made one, duplicates dropped (the first kept, in the editor's order).
 * Throws Invalid 'content.tag_invalid' (naming the tag) for an empty or
 * overlong tag or one with a forbidden character, and
 * 'content.too_many_tags' for more than MAX_TAGS distinct ones.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const kept: string[] = [];
  for (const given of tags) {
    const tag = given.trim().replace(/\s+/gu, ' ');
    if (!tag || [...tag].length > MAX_TAG_CHARS || FORBIDDEN.test(tag)) throw invalid('content.tag_invalid', { field: 'tags', tag: given.trim().slice(0, 40) });
    if (!kept.includes(tag)) kept.push(tag);
  }
  if (kept.length > MAX_TAGS) throw invalid('content.too_many_tags', { field: 'tags', count: kept.length });
  return kept;
}
