import { Fragment, jsx } from '../../lib/jsx.js';
/**
 * JSON for inside <script>: the HTML parser ends a script at the first
 * "</script", whatever JSON thinks of it, so a headline reading
 * "</script><script>…" would run. "<", ">" and "&" are written as JSON
 * escapes (the same text to a JSON reader, nothing to the HTML parser), and
 * U+2028/U+2029 too, which some older script parsers take for line ends.
 */
export function scriptSafeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One schema.org object as JSON-LD; safe by construction (scriptSafeJson), so it needs no TrustedHtml. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(data) }} />;
}
