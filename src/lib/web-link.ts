/**
 * A link to another site that a page may send readers to: an absolute
 * http(s) address of at most `maxLength` characters, without credentials in
 * it. Anything else (javascript:, data:, a relative path, spaces or control
 * characters) is refused: returns undefined then, or the address as the URL
 * parser writes it.
 */
export function checkedWebLink(text: string, maxLength: number): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength || /[\s\u0000-\u001f]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}
