import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * What every cookie bendi sets carries: HttpOnly (no script reads it),
 * SameSite=Lax (other sites cannot send it with a form), and Secure whenever
 * the request came over HTTPS, so it never travels over plain HTTP afterwards
 * ('auto' asks request.protocol, which believes X-Forwarded-Proto only from
 * the proxies in TRUST_PROXY). Clearing a cookie takes the same options.
 */
export const COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' } as const satisfies CookieSerializeOptions;
