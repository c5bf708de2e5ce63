import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { preferredEncoding } from './compression.js';
import { matchesIfNoneMatch } from './if-none-match.js';
import type { PagePool } from './page-cache.js';
import { ELDER_COOKIE, STAFF_COOKIE } from './request-context.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** Headers Node or the lane writes for each answer: the rest are the page's and stay as its first answer had them. */
const PER_ANSWER_HEADERS = new Set(['content-length', 'content-encoding', 'etag', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * How many addresses the lane remembers. Several may stand for one kept page
 * (`?utm_source=…` is dropped by the route's schema), so they are counted on
 * their own; the one answered least recently is forgotten first.
 */
const MAX_ADDRESSES = 10_000;
/** Longer addresses are left to Fastify: 10,000 of 16 KB each would hold 160 MB. */
const MAX_ADDRESS_LENGTH = 1024;

interface LaneEntry {
  key: string;
  pool: PagePool;
  /** The origin the page was made for, admitted again at each answer as Fastify's path admits it (OriginAdmission). */
  origin: string;
  /** The page's own headers as Fastify and bendi's hooks sent them, name and value in turn. */
  headers: string[];
}

/**
 * Kept pages answered before Fastify, which costs a kept page about a fifth
 * more CPU than the page's bytes themselves (bench/README.md, "Kept pages
 * answered before Fastify"). A request that Fastify answered with a kept page
 * leaves its raw address here, with all else that decided the page: the Host,
 * the elder-mode cookie, and the proxy's address and the host and protocol it
 * forwards, which Fastify believes from a trusted proxy. The next request alike
 * in all of them gets the same page and headers from the server's request
 * listener, after the same look at the page generation and the same admission
 * of its origin as on Fastify's path, so no change made anywhere is answered
 * from here either. A reload that names the page's tag gets 304, as from
 * sendPage. Everything else goes to Fastify: another method, a body, a staff
 * cookie or credentials, If-Modified-Since, a page no longer kept, an
 * instance shutting down, and anything the lane fails at.
 */
export class KeptPageLane {
  private readonly entries = new Map<string, LaneEntry>();
  /** How many requests the lane answered, for tests. */
  answered = 0;

  /** Puts the lane in front of Fastify's listener on `app`'s server (others it binds, for `localhost`, go to Fastify alone). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly trustProxy: boolean,
  ) {
    app.addHook('onResponse', (request, reply, done) => {
      this.remember(request, reply);
      done();
    });
    const fastify = app.server.listeners('request')[0] as RequestListener;
    app.server.removeListener('request', fastify);
    app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!this.answer(request, response, fastify)) fastify(request, response);
    });
  }

  /** Takes `request` and answers it from a kept page, or leaves it (false) for Fastify. */
  private answer(request: IncomingMessage, response: ServerResponse, fastify: RequestListener): boolean {
    const address = this.addressOf(request);
    const entry = address === undefined ? undefined : this.entries.get(address);
    if (address === undefined || entry === undefined) return false;
    // The same look at the page generation as Fastify's path makes (generationOf), at once where it can be.
    if (this.app.pageCache.syncNow() !== false) return this.answerSynced(request, response, address, entry);
    this.app.pageCache
      .sync()
      .then(() => this.answerSynced(request, response, address, entry) || fastify(request, response))
      .catch((error: unknown) => {
        this.app.log.error({ err: error }, 'kept-page lane: handing a request to Fastify failed');
        response.destroy();
      });
    return true;
  }

  /**
   * Answers from the kept page, the cache in step with the generation; false
   * when the page is no longer kept, its origin is not admitted, the instance
   * is stopping, or answering failed before anything was sent.
   */
  private answerSynced(request: IncomingMessage, response: ServerResponse, address: string, entry: LaneEntry): boolean {
    const cache = this.app.pageCache;
    const page = cache.getPage(entry.key, entry.pool);
    if (!page || this.app.draining || !cache.admitsOrigin(entry.origin)) {
      this.entries.delete(address);
      return false;
    }
    try {
      const encoding = preferredEncoding(request);
      const etag = page.etagFor(encoding);
      if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
        // As sendPage answers a reader's reload: the page's headers and its tag, no body.
        response.writeHead(304, entry.headers.concat('etag', etag));
        response.end();
      } else {
        const body = page.encodedAs(encoding);
        const headers = entry.headers.concat('etag', etag, 'content-length', String(body.length));
        if (encoding !== 'identity') headers.push('content-encoding', encoding);
        response.writeHead(200, headers);
        response.end(body);
      }
    } catch (error) {
      this.app.log.error({ err: error }, 'kept-page lane: answering a kept page failed');
      if (!response.headersSent) return false;
      response.destroy();
      return true;
    }
    // Kept last in the map's order, which is the order of use: the first is the one answered least recently.
    this.entries.delete(address);
    this.entries.set(address, entry);
    this.answered += 1;
    return true;
  }

  /**
   * After Fastify answered a kept page (sendPage set request.keptPage), notes
   * the request's address with the page's key and its headers, unless the
   * lane could not answer such a request, or the answer set a cookie.
   */
  private remember(request: FastifyRequest, reply: FastifyReply): void {
    const kept = request.keptPage;
    if (!kept || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return;
    const address = this.addressOf(request.raw);
    if (address === undefined || !this.app.pageCache.getPage(kept.key, kept.pool)) return;
    const headers: string[] = [];
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !PER_ANSWER_HEADERS.has(name)) headers.push(name, String(value));
    }
    this.entries.delete(address);
    if (this.entries.size >= MAX_ADDRESSES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(address, { key: kept.key, pool: kept.pool, origin: request.pageOrigin, headers });
  }

  /**
   * What decides the page for a request the lane may answer, as one string;
   * undefined for one it leaves to Fastify. Each part is marked present (+) or
   * absent (-), as Fastify tells a missing Host or forwarded header from any
   * value, and the parts are joined by a line break, which no header value or
   * request line holds.
   */
  private addressOf(request: IncomingMessage): string | undefined {
    const { headers } = request;
    if (request.method !== 'GET' || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    if (headers.authorization !== undefined || headers['if-modified-since'] !== undefined) return undefined;
    let elder = false;
    if (headers.cookie !== undefined) {
      const cookies = this.app.parseCookie(headers.cookie);
      if (cookies[STAFF_COOKIE] !== undefined) return undefined;
      elder = cookies[ELDER_COOKIE] === '1';
    }
    let address = `${elder ? 'elder' : 'std'}\n${part(headers.host)}\n${request.url}`;
    // Fastify believes these two by the socket's address alone (its request.protocol and request.host).
    if (this.trustProxy) address += `\n${part(request.socket.remoteAddress)}\n${part(headers['x-forwarded-proto'])}\n${part(headers['x-forwarded-host'])}`;
    return address.length > MAX_ADDRESS_LENGTH ? undefined : address;
  }
}

const part = (value: string | string[] | undefined) => (value === undefined ? '-' : `+${String(value)}`);
