/**
 * Plain text as HTML that shows it unchanged, in an element or a double-quoted
 * attribute: for the few places that write HTML as a string, not through the
 * views' JSX, which escapes by itself. Escaping ">" also means no "]]>" can end a
 * CDATA section the text is put in.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
