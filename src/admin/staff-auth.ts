import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { can, findStaffByApiToken, type StaffAction, type StaffUser } from '../accounts/index.js';
import type { AppDeps } from '../app-deps.js';
import type { StaffActor } from '../content/index.js';
import { AppError, forbidden, unauthenticated } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** How the staff member proved who they are: the session cookie (needs CSRF) or an API token. */
    staffAuth: 'session' | 'token' | undefined;
  }
}

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Staff authentication for the admin area and API: `Authorization: Bearer`
 * API tokens for scripts, the session cookie for people. A state-changing
 * request made with the cookie must carry the session's CSRF token in the
 * `x-csrf-token` header, so another site cannot make a signed-in editor's
 * browser act for it. Bodies are JSON or multipart only (no form encoding),
 * so a cross-site form cannot even sign someone in to another account.
 * Runs on onRequest, before Fastify parses and validates the body: an anonymous
 * caller gets 401, not a lesson in the fields' rules.
 */
export function registerStaffAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('staffAuth', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      // A bearer token replaces any cookie: scripts are not browsers, and CSRF does not apply to them.
      request.staff = await findStaffByApiToken(deps.db, header.slice(7).trim(), deps.clock());
      request.staffCsrfToken = undefined;
      request.staffAuth = request.staff ? 'token' : undefined;
      if (!request.staff) throw unauthenticated();
      return;
    }
    request.staffAuth = request.staff ? 'session' : undefined;
    if (request.staff && STATE_CHANGING.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.staffCsrfToken || !sameToken(sent, request.staffCsrfToken)) {
        throw forbidden('auth.csrf');
      }
    }
  });
}

/**
 * An onRequest hook that lets the request through only for staff allowed to do
 * `action`: 401 and 403 come before any 400 about the request's content.
 */
export function requireStaff(action?: StaffAction): onRequestAsyncHookHandler {
  return async function checkStaff(request: FastifyRequest, _reply: FastifyReply) {
    if (!request.staff) throw unauthenticated();
    if (action && !can(request.staff.role, action)) throw forbidden('auth.forbidden');
  };
}

/** The signed-in staff member and their address, for commands and the audit log. */
export function staffActor(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new AppError('Unauthenticated', 'auth.required');
  return { user: request.staff as StaffUser, ip: request.ip };
}
