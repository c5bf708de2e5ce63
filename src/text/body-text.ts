/**
 * The text of a sanitized article body: block ends become line breaks and
 * other tags spaces, so words on either side stay apart. The sanitizer writes
 * text with only &amp; &lt; &gt; and &quot; escaped (every other character as
 * itself), so those four are all there is to decode; a full entity decoder
 * would be a dependency for nothing.
 */
export function bodyText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|td|th|tr)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ENTITIES[name]!);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };
