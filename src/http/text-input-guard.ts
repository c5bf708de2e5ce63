import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../lib/errors.js';

// NUL cannot be stored in PostgreSQL text (SQLite would keep it), and a lone surrogate is half an emoji:
// neither is text a person typed, so both are refused at the edge, the same on both databases.
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string field (by path) holding something that is not text. */
function findBadString(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? path || 'body' : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findBadString(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The multipart parser decodes each field and file name as UTF-8 and puts U+FFFD
 * (�) in place of every byte that is not: a form sent in GBK by an old
 * client would be stored as a row of �, silently. It gives no bytes to check,
 * so the mark it leaves is refused instead; a person does not type �.
 */
const UNDECODABLE = '\uFFFD';

/**
 * The same refusals for fields a handler reads itself, which the hook below
 * never sees (multipart forms are parsed in the handler, part by part).
 * Throws Invalid('request.invalid', { field }), or Invalid('request.not_utf8',
 * { field }) for a value that was not UTF-8 (see UNDECODABLE).
 */
export function assertTextField(field: string, value: unknown): void {
  const bad = findBadString(value, field);
  if (bad) throw invalid('request.invalid', { field: bad });
  if (typeof value === 'string' && value.includes(UNDECODABLE)) throw invalid('request.not_utf8', { field });
}

/**
 * Refuses, with 400 and the field's name, any request whose query or body
 * carries a NUL or a lone surrogate, and a JSON body whose bytes are not
 * UTF-8 (a GBK file, a cut-off character): decoded as text, each bad byte
 * would be stored as � in place of what was meant, silently.
 */
export function registerTextInputGuard(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) return done(invalid('request.not_utf8'), undefined);
    parseJson(request, body.toString('utf8'), done);
  });
  app.addHook('preValidation', async (request) => {
    const field = findBadString(request.query, '') ?? findBadString(request.body, '') ?? findBadString(request.params, '');
    if (field) throw invalid('request.invalid', { field });
  });
}
