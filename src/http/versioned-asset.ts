import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from './if-none-match.js';

/** A file served under a URL that names its content hash: `/assets/site.css?v=HASH`. */
export interface VersionedFile {
  body: Buffer;
  contentType: string;
  /** A short hex digest of `body`, the `v` of its URLs. */
  hash: string;
}

const A_YEAR = 'public, max-age=31536000, immutable';

/**
 * Sends a versioned file. Only a URL whose `v` is this file's hash may be
 * kept for a year without asking again: during a rolling deploy a page from
 * an instance with the old file may ask one with the new file (or the other
 * way round), and an `immutable` answer would pin the wrong bytes under that
 * URL in browsers and CDNs for a year. So any other `v`, or none, gets the
 * current file with `no-cache`: right now, and asked again next time (a
 * 304 then). A redirect to the current URL would cost a round trip and fix
 * nothing, since an old instance cannot serve the new file anyway.
 *
 * The ETag is weak: @fastify/compress sends different bytes per coding.
 */
export function sendVersionedFile(request: FastifyRequest<{ Querystring: { v?: string } }>, reply: FastifyReply, file: VersionedFile): FastifyReply {
  const etag = `W/"${file.hash}"`;
  reply
    .type(file.contentType)
    .header('Cache-Control', request.query.v === file.hash ? A_YEAR : 'no-cache')
    .header('ETag', etag);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.send(file.body);
}
