import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findStaffSession, type StaffUser } from '../accounts/index.js';
import type { AppDeps } from '../app-deps.js';
import { errorPageText } from '../messages/error-messages.js';

export const STAFF_COOKIE = 'bendi_staff';
export const ELDER_COOKIE = 'bendi_elder';

export interface ReaderPrefs {
  /** 适老化 mode: large type and high contrast. */
  elder: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, if any. Only staff may see unpublished content. */
    staff: StaffUser | undefined;
    /** The CSRF token of the staff session the request came with (not for bearer tokens). */
    staffCsrfToken: string | undefined;
    readerPrefs: ReaderPrefs;
    /** The origin share links and canonical URLs use. */
    pageOrigin: string;
  }
}

/**
 * The origin a request was sent to, from its Host header: undefined when
 * there is none (HTTP/1.0) or it is no host (`a b`, `[::1`, `a:99999`,
 * `a/b`), which share links and canonical URLs cannot be made from.
 */
export function originOfHost(protocol: string, host: string): string | undefined {
  const key = `${protocol}://${host}`;
  const known = KNOWN_ORIGINS.get(key);
  if (known) return known;
  const origin = parsedOrigin(protocol, host);
  // Anyone can send any Host, so the memo is bounded; a site answers to a handful of names.
  if (origin !== undefined) {
    if (KNOWN_ORIGINS.size >= 64) KNOWN_ORIGINS.clear();
    KNOWN_ORIGINS.set(key, origin);
  }
  return origin;
}

/** Origins already worked out, by protocol and Host: a cached page is answered in tens of microseconds, and parsing a URL for each would add a few. */
const KNOWN_ORIGINS = new Map<string, string>();

function parsedOrigin(protocol: string, host: string): string | undefined {
  try {
    const url = new URL(`${protocol}://${host}`);
    const hostOnly = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && host !== '';
    return hostOnly ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 9112 §3.2: a request without a valid Host is answered 400, in plain text: no page can be made without an origin. */
export function answerBadHost(reply: FastifyReply): FastifyReply {
  return reply.code(400).type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send(`${errorPageText.badHost}\n`);
}

/** The origin a request's pages are made for: PUBLIC_URL when set, else the request's Host (undefined when that is no host). */
export function pageOriginOf(request: FastifyRequest, publicUrl: string | undefined): string | undefined {
  return publicUrl ?? originOfHost(request.protocol, request.host);
}

const STANDARD: ReaderPrefs = Object.freeze({ elder: false });
const ELDER: ReaderPrefs = Object.freeze({ elder: true });

/**
 * Works out who is asking and how they want pages shown. A request without a
 * staff cookie costs no database query, which keeps readers' pages fast.
 */
export function registerRequestContext(app: FastifyInstance, deps: AppDeps, publicUrl: string | undefined): void {
  app.decorateRequest('staff', undefined);
  app.decorateRequest('staffCsrfToken', undefined);
  // Set on every request by the hook below; Fastify forbids a shared object as the default.
  app.decorateRequest('readerPrefs', undefined as unknown as ReaderPrefs);
  app.decorateRequest('pageOrigin', '');
  // A callback hook, not an async one: most requests have nothing to wait for, and a promise per request shows in the benchmark.
  app.addHook('onRequest', (request, reply, done) => {
    request.readerPrefs = request.cookies[ELDER_COOKIE] === '1' ? ELDER : STANDARD;
    const origin = pageOriginOf(request, publicUrl);
    if (origin === undefined) return void answerBadHost(reply);
    request.pageOrigin = origin;
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return done();
    findStaffSession(deps.db, token, deps.clock()).then((session) => {
      request.staff = session?.user;
      request.staffCsrfToken = session?.csrfToken;
      done();
    }, done);
  });
}
