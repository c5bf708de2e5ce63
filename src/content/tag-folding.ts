// No imports: the admin's browser code folds tag names too (admin/client/tag-suggestions.ts).

/**
 * What makes two tag names one tag: NFC and lower case. NBA and nba are one tag, with one page, spelled as the
 * first editor to use it spelled it (tags.folded is unique). toLowerCase is Unicode's own mapping, the same
 * in every locale, so it gives the same key on both databases, which lower() would not (SQLite's folds ASCII only).
 */
export function foldTagName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Tag names with those that fold to one taken once, the first kept, in order: one pass, so a list of any length costs its length. */
export function withoutFoldedDuplicates(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const name of names) {
    const key = foldTagName(name);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}
