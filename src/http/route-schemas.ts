import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import { invalid, notFound } from '../lib/errors.js';
import { validatorCompilerOnFirstUse } from './compile-on-first-use.js';

/**
 * Query strings of public pages: the schemas below list what a page reads, and
 * every other parameter is dropped, so tracking tags and noise (?utm_source=…,
 * ?from=timeline) reach neither the handler nor the page cache key, and a shared
 * link still opens. Everywhere else the application refuses unknown fields
 * (removeAdditional: false in app.ts); this scope-wide validator compiler is
 * Fastify's own, with removeAdditional on for query strings only, so the
 * exception is confined to the page scopes that call this.
 */
export function dropUnknownQueryParameters(scope: FastifyInstance): void {
  scope.setValidatorCompiler((route) => (route.httpPart === 'querystring' ? droppingUnknown : refusingUnknown)(route));
}

const droppingUnknown = validatorCompilerOnFirstUse({ removeAdditional: true });
const refusingUnknown = validatorCompilerOnFirstUse({ removeAdditional: false });

export const noQuery = { type: 'object', additionalProperties: false } as const;

/** A list's page number, from 1; bounded, so the offset it makes stays one a database answers quickly. */
export const pageNumber = { type: 'integer', minimum: 1, maximum: 100000, default: 1 } as const;

/** How many items a page of a list holds: 1 to `max`, `fallback` when the request does not say. */
export const pageSize = (max: number, fallback: number) => ({ type: 'integer', minimum: 1, maximum: max, default: fallback }) as const;

export const pageQuery = {
  type: 'object',
  properties: { page: pageNumber },
  additionalProperties: false,
} as const;

/** `:id` in an API path: a positive whole number, so `/api/articles/abc/comments` answers 400 with the field named. */
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } } as const;

/** The article page: its comments newest first, or most liked first (?comments=liked). */
export const articleQuery = {
  type: 'object',
  properties: { comments: { type: 'string', enum: ['newest', 'liked'], default: 'newest' } },
  additionalProperties: false,
} as const;

/** Ids as bendi prints them in addresses: decimal, no sign, no leading zero, within PostgreSQL's integer. */
const CANONICAL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * For pages addressed by `:id`: a path whose id is not written the way bendi
 * writes ids names no page, so it answers 404 rather than 400 (the address is
 * wrong, not a form). Without this, the schema's type coercion would show
 * article 16 at /a/0x10 and article 1 at /a/+1, /a/1.0 and /a/01. A leading
 * zero gets 404 too rather than a 301: no link bendi prints has one, and a
 * redirect would only give each article endless aliases to crawl.
 * Runs before validation, while the parameter is still the raw path segment.
 */
export const canonicalIdInPath: preValidationHookHandler = (request, _reply, done) => {
  const raw = (request.params as { id?: unknown }).id;
  if (typeof raw === 'string' && CANONICAL_ID.test(raw) && Number(raw) <= 2147483647) return done();
  done(notFound('site.page_not_found'));
};

/**
 * The same rule for ids in API paths (/api/articles/0x10/comments): the
 * schema's coercion would read 0x10 as 16 and +1 as 1, so every integer path
 * parameter of every route must be written as bendi writes ids, or the answer
 * is 400 naming it. Registered once, before the routes (onRoute).
 */
export function refuseNonCanonicalIds(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const properties = (route.schema?.params as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
    const integers = Object.keys(properties).filter((name) => properties[name]?.type === 'integer');
    const own = [route.preValidation ?? []].flat();
    // Pages answer such an id 404 with canonicalIdInPath; every other route gets this check before its own.
    if (integers.length === 0 || own.includes(canonicalIdInPath)) return;
    const refuseNonCanonical: preValidationHookHandler = (request, _reply, done) => {
      const params = request.params as Record<string, unknown>;
      const wrong = integers.find((name) => typeof params[name] === 'string' && !CANONICAL_ID.test(params[name] as string));
      done(wrong === undefined ? undefined : invalid('request.invalid', { field: wrong }));
    };
    route.preValidation = [refuseNonCanonical, ...own];
  });
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const refuseUnreadBody: preValidationHookHandler = (request, _reply, done) => {
  const { body } = request;
  if (body === undefined || body === null || body === '') return done();
  const field = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body)[0] : 'body';
  done(field === undefined ? undefined : invalid('request.body_not_taken', { field }));
};

/**
 * A write whose route reads no body (a delete, a like, a sign-out) refuses
 * one with fields, naming the first, as a route with a body schema refuses a
 * field it does not know: a client that sends { reason } where none is taken
 * hears so instead of losing it quietly. An empty body or `{}` passes.
 * Registered once, before the routes (onRoute).
 */
export function refuseUnreadBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const writes = [route.method].flat().some((method) => WRITE_METHODS.has(method));
    // A route that declares what it `consumes` reads its body itself (an upload's multipart parts).
    if (!writes || route.schema?.body || route.schema?.consumes || route.config?.answersWrongMethod) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseUnreadBody];
  });
}
