import { invalid } from '../lib/errors.js';

// Apart from sanitize-body.ts so that the main thread, which only checks the limits, does not load
// sanitize-html and its parsers (about 0.4 s of a start): sanitizing runs in the text workers.

/**
 * A long feature is 10,000 characters of text; with its markup, 200,000
 * characters leave room for tables and many images while bounding what one
 * save costs (sanitizing grows with the length).
 */
export const MAX_BODY_CHARS = 200_000;

/**
 * The HTML parsers under sanitize-html take time growing with the square of
 * the nesting depth (480 KB of unclosed `<b>` took 14 s). A body's depth is
 * at most its number of start tags, so bounding those bounds the worst case;
 * a long article with tables has a few thousand.
 */
export const MAX_BODY_TAGS = 10_000;

/** `<` and a letter is what starts a tag in HTML's tokenizer; anything else is text. */
const START_TAG = /<[a-z]/gi;

/**
 * Refuses a body beyond the limits, before any parsing: counting is linear,
 * and it is the parser's own cost that is being bounded, so the count cannot
 * use it. Throws Invalid 'content.body_too_long' or 'content.body_too_many_tags'.
 */
export function checkBodyLimits(html: string): void {
  // .length counts UTF-16 units, never fewer than characters; count characters only when it matters.
  if (html.length > MAX_BODY_CHARS && html.length - surrogatePairs(html) > MAX_BODY_CHARS) throw invalid('content.body_too_long', { maxChars: MAX_BODY_CHARS });
  let tags = 0;
  for (const _tag of html.matchAll(START_TAG)) {
    if (++tags > MAX_BODY_TAGS) throw invalid('content.body_too_many_tags', { maxTags: MAX_BODY_TAGS });
  }
}

const HIGH_SURROGATE = /[\uD800-\uDBFF](?=[\uDC00-\uDFFF])/g;

/** Characters written as two UTF-16 units. Counted, not spread into an array: a fetched page's 5 MB took 1.7 s that way. */
function surrogatePairs(text: string): number {
  let pairs = 0;
  for (const _pair of text.matchAll(HIGH_SURROGATE)) pairs++;
  return pairs;
}
