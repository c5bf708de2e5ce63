import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Readers' pages run only our own script file and show only our own images:
 * no inline script or event handler, nothing from another host (a tracking
 * pixel in an article body would otherwise tell a third party who reads
 * what, from which address). `default-src 'none'` means anything not listed
 * here is refused, and no other site may frame a page (clickjacking the like
 * or comment buttons).
 */
export const PUBLIC_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The web-app manifest every page links: without this, default-src 'none' blocks it (Lighthouse found it).
  "manifest-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A staff member's view of a reader's page may be framed by this site's own
 * pages: the admin's review page shows an article exactly as readers will
 * see it. Readers' pages never: staff pages are never cached or shared
 * (send-page.ts), so this policy cannot reach a reader.
 */
export function allowFramingBySite(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', PUBLIC_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  reply.header('X-Frame-Options', 'SAMEORIGIN');
}

/** Features no page of ours uses: a script injected into one cannot use them either. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

/** One year. Not includeSubDomains: other names under the site's domain may not be ours to put on HTTPS. */
const HSTS = 'max-age=31536000';

/**
 * Headers every response carries, whatever produced it (page, API, asset,
 * media file, error). A route that needs another policy sets its own
 * Content-Security-Policy or Referrer-Policy first and keeps it (the admin
 * pages, Swagger UI at /api/docs).
 *
 * HSTS is sent only on a request that came over HTTPS: `request.protocol`
 * believes X-Forwarded-Proto only from the proxies in TRUST_PROXY, so a
 * plain-HTTP site (a test install on a LAN address) is never told to refuse
 * plain HTTP for a year.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', PUBLIC_CONTENT_SECURITY_POLICY);
  if (!reply.hasHeader('referrer-policy')) reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  reply.header('X-Content-Type-Options', 'nosniff');
  // For browsers without CSP frame-ancestors.
  if (!reply.hasHeader('x-frame-options')) reply.header('X-Frame-Options', 'DENY');
  reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
}

/** Sets the security headers on every response that goes through the hooks (see answerUnroutableAddress for one that does not). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, cached pages included.
  app.addHook('onSend', (request, reply, _payload, done) => {
    setSecurityHeaders(request, reply);
    done();
  });
}
