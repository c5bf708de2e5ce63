/** Values as WordPress writes them, read into bendi's. */

/** WordPress writes times as 'YYYY-MM-DD HH:MM:SS' in UTC (post_date_gmt), or zeros for a draft never saved with one. */
export function gmtDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** China time, for post_date when a post has no GMT date: a Chinese site's local time. */
export const chinaDate = (value: string): Date | undefined => {
  const date = gmtDate(value);
  return date && new Date(date.getTime() - 8 * 3600_000);
};

/**
 * WordPress keeps every text of a post but its content (title, excerpt,
 * terms, comments, names and addresses) in MySQL columns of at most 65,535
 * bytes, and so at most as many UTF-16 units: an export WordPress wrote has
 * none longer.
 */
export const MAX_WORDPRESS_TEXT = 65_535;

/**
 * A tag ends at the first `>` with no `<` before it; a stray `<` is text.
 * `<[^>]*>` scanned on to the end of the text from every `<` when there was
 * no `>` after them: a comment of 60,000 took 2 s.
 */
const TAG = /<[^<>]*>/g;

/** Text of an HTML fragment, for a summary or a comment: tags gone, the common entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(TAG, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
