import { isUtf8 } from 'node:buffer';

/**
 * The query string as the app reads it: `a=1&b=2&b=3` → { a: '1', b: ['2', '3'] },
 * `+` a space, percent-escapes decoded as UTF-8, or as GB18030 (GBK's
 * successor) when their bytes are not UTF-8.
 *
 * Written here rather than Fastify's own (fast-querystring) because that one
 * keeps a value that is not UTF-8 as its escapes: a search linked from an old
 * GBK page (搜索 `?q=%CF%AA%BF%DA%D5%F2`) looked for "%CF%AA%BF%DA%D5%F2",
 * and once decoded, nothing tells an escape from a literal "%CF" a reader typed.
 * Only the raw string does; UTF-8 is tried first, so any text a browser sends
 * today reads as before. The price: GBK text whose bytes happen to be UTF-8 too
 * reads as UTF-8 (学校, `%D1%A7%D0%A3`, reads as ѧУ; about one GB2312 character
 * in seven is such a pair), since nothing in the bytes tells the two apart and a
 * reader's own UTF-8 query must never be misread. Escapes that are no escapes
 * (`%ZZ`, `100%`) stay as they are. The object has no prototype, so
 * `__proto__=` is a key like any other.
 */
export function parseQueryString(query: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = Object.create(null);
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
    const earlier = parsed[key];
    if (earlier === undefined) parsed[key] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else parsed[key] = [earlier, value];
  }
  return parsed;
}

// Not fatal: bytes that are neither UTF-8 nor GB18030 read as �, with no exception to pay for.
const GB18030 = new TextDecoder('gb18030');

function decodeComponent(encoded: string): string {
  const text = encoded.includes('+') ? encoded.replaceAll('+', ' ') : encoded;
  if (!text.includes('%')) return text;
  const bytes = percentDecoded(text);
  return isUtf8(bytes) ? bytes.toString('utf8') : GB18030.decode(bytes);
}

const isHexDigit = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

/** The bytes `text` stands for: each `%XX` one byte, anything else its UTF-8 bytes (a `%` that starts no escape included). */
function percentDecoded(text: string): Buffer {
  // Never longer than the text's own UTF-8: an escape's three characters become one byte.
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(text));
  let length = 0;
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === 0x25) {
      const escape = isHexDigit(text.charCodeAt(i + 1)) && isHexDigit(text.charCodeAt(i + 2));
      bytes[length++] = escape ? Number.parseInt(text.slice(i + 1, i + 3), 16) : 0x25;
      i += escape ? 3 : 1;
    } else {
      const next = text.indexOf('%', i + 1);
      const end = next === -1 ? text.length : next;
      length += bytes.write(text.slice(i, end), length, 'utf8');
      i = end;
    }
  }
  return bytes.subarray(0, length);
}
