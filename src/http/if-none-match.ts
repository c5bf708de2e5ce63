/** One entity-tag in a list: optional W/ prefix, then the opaque tag in double quotes (RFC 9110 §8.8.3). */
const ENTITY_TAG = /^(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;

/**
 * Whether an If-None-Match header names this entity-tag, so the reader's
 * copy is current and the answer is 304 (RFC 9110 §13.1.2): `*`, or a
 * comma-separated list compared the weak way, the W/ prefix ignored on both
 * sides, because nginx's gzip turns our strong tags weak on the way out.
 * A header that does not parse matches nothing, and the full page is sent.
 *
 * Hand-written: the `fresh` package splits on spaces without checking the
 * syntax and also answers for If-Modified-Since and request Cache-Control,
 * which pages do not use; this is the one rule we need.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const wanted = opaqueTag(etag);
  let matched = false;
  for (const item of header.split(',')) {
    const trimmed = item.trim();
    // The list grammar allows empty elements ("a, , b").
    if (trimmed === '') continue;
    const tag = opaqueTag(trimmed);
    if (tag === undefined) return false;
    if (tag === wanted) matched = true;
  }
  return matched;
}

function opaqueTag(entityTag: string): string | undefined {
  return ENTITY_TAG.exec(entityTag)?.[1];
}
