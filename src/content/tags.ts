import { invalid } from '../lib/errors.js';
import { INVISIBLE_IN_NAMES } from '../text/index.js';
import { withoutFoldedDuplicates } from './tag-folding.js';

/** At most this many tags an article: more stops being a description and starts being keyword stuffing. */
export const MAX_TAGS = 10;
/** Characters (code points) in one tag. */
export const MAX_TAG_CHARS = 20;

/** A slash would read as a path in the tag page's URL. */
const PATH_CHARACTERS = /[/\\]/;

/** `/t/.` and `/t/..` are no addresses of a tag: browsers resolve them to the parent path before asking. */
const DOT_SEGMENT = /^\.{1,2}$/;

/**
 * An editor's tags as they are stored: each trimmed, inner runs of spaces
 * made one, duplicates dropped (the first kept, in the editor's order; NBA
 * and nba are one, see foldTagName).
 * Throws Invalid 'content.tag_invalid' (naming the tag) for an empty or
 * overlong tag, one with an invisible or a path character, or `.` or `..`, and
 * 'content.too_many_tags' for more than MAX_TAGS distinct ones.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const cleaned: string[] = [];
  for (const given of tags) {
    // NFC, so é typed as one character or as e and its accent is one tag, not two that look alike.
    const tag = given.normalize('NFC').trim().replace(/\s+/gu, ' ');
    // Invisible characters (see INVISIBLE_IN_NAMES) would make two tags that look the same different pages.
    const unusable = INVISIBLE_IN_NAMES.test(tag) || PATH_CHARACTERS.test(tag) || DOT_SEGMENT.test(tag);
    if (!tag || [...tag].length > MAX_TAG_CHARS || unusable) throw invalid('content.tag_invalid', { field: 'tags', tag: given.trim().slice(0, 40) });
    cleaned.push(tag);
  }
  const kept = withoutFoldedDuplicates(cleaned);
  if (kept.length > MAX_TAGS) throw invalid('content.too_many_tags', { field: 'tags', count: kept.length });
  return kept;
}
