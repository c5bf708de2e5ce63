/**
 * Pieces of a WordPress export (WXR 1.2) written as text: every value is
 * either character data in CDATA or escaped, so nothing in an article can
 * close an element early or start one.
 */

/** Characters XML 1.0 does not allow at all (most control characters): dropped, or the file would not parse. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A CDATA section of any text: a "]]>" inside would end the section, so
 * the section is closed after "]]" and a new one opened before ">".
 *
 * @example cdata('a]]>b') → '<![CDATA[a]]]]><![CDATA[>b]]>'
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Text escaped for an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>` with the value escaped; `cdata: true` wraps it in CDATA instead. */
export function element(name: string, value: string | number, options: { cdata?: boolean } = {}): string {
  const text = String(value);
  return `<${name}>${options.cdata ? cdata(text) : escapeXml(text)}</${name}>`;
}

/** WordPress's date form: 'YYYY-MM-DD HH:MM:SS', in UTC (the _gmt fields) or in China time (the others). */
export function wordpressDate(date: Date | null, offsetHours = 0): string {
  if (!date) return '0000-00-00 00:00:00';
  return new Date(date.getTime() + offsetHours * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A WordPress slug for a name: its Latin letters and digits as they are, anything else percent-encoded, as WordPress makes them. */
export function wordpressSlug(name: string): string {
  return encodeURIComponent(name.trim().toLowerCase().replace(/\s+/g, '-')).toLowerCase();
}
