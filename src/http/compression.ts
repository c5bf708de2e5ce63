import compress from '@fastify/compress';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ContentEncoding } from './page-cache.js';

/** In order of preference when a client rates them alike: brotli is a fifth smaller on Chinese HTML. */
const ENCODINGS: Array<Exclude<ContentEncoding, 'identity'>> = ['br', 'gzip'];

/** Below this a compressed body saves less than its headers and the CPU cost; most JSON answers of the reader API stay plain. */
const THRESHOLD_BYTES = 1024;

/**
 * The content coding for a response, read from Accept-Encoding with q-values
 * as @fastify/compress reads it (its getEncodingHeader: `*` and `x-gzip`
 * stand for gzip). Pages compress themselves so each coding gets its own
 * ETag (send-page.ts); reading the header the same way means a page sent
 * uncompressed is one the plugin would not compress either, so no page
 * leaves with the tag of a representation other than its own.
 */
export function preferredEncoding(request: Pick<FastifyRequest, 'headers'>): ContentEncoding {
  const header = request.headers['accept-encoding'];
  if (header === undefined) return 'identity';
  return negotiate(String(header).toLowerCase().replace(/\*|x-gzip/g, 'gzip'), ENCODINGS) ?? 'identity';
}

/**
 * Compresses every text answer worth it (CSS, JS, JSON, admin pages, error
 * pages), negotiated by Accept-Encoding, with `Vary: Accept-Encoding`.
 * Answers that already carry a Content-Encoding (the page cache's kept
 * copies) pass through untouched. Register before any route: the plugin
 * hooks routes as they are added. Request bodies are left as they come (no
 * client of bendi compresses them), so the parsers see what was sent.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ENCODINGS,
    threshold: THRESHOLD_BYTES,
    globalDecompression: false,
  });
}
