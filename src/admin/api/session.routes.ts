import type { FastifyInstance, FastifyReply } from 'fastify';
import { endStaffSession, findStaffSession, signInStaff, STAFF_SESSION_DAYS } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { unauthenticated } from '../../lib/errors.js';
import { COOKIE_OPTIONS } from '../../http/cookies.js';
import { adminRead, anonymous, BODY_ERRORS, errorResponses, noContent } from '../../http/api-schemas.js';
import { STAFF_COOKIE } from '../../http/request-context.js';

const tags = ['session'];
const sessionSchema = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: {
    user: {
      type: 'object',
      required: ['id', 'username', 'displayName', 'role', 'totpEnabled'],
      properties: {
        id: { type: 'integer' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        role: { type: 'string' },
        totpEnabled: { type: 'boolean' },
      },
    },
    csrfToken: { type: 'string' },
  },
} as const;

export function setStaffCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(STAFF_COOKIE, token, { ...COOKIE_OPTIONS, maxAge: STAFF_SESSION_DAYS * 86_400 });
}

/** Where staff sign in (POST), see who is signed in (GET) and sign out (DELETE). */
export const SESSION_PATH = '/api/admin/session';

export function registerSessionApi(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: { username: string; password: string; totpCode?: string } }>(
    SESSION_PATH,
    {
      schema: {
        tags,
        summary: '员工登录 / staff sign-in (sets the session cookie)',
        description: 'Five wrong passwords lock the account for 15 minutes (429 with Retry-After).',
        operationId: 'signInStaff',
        security: anonymous,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 200 },
            totpCode: { type: 'string', maxLength: 10 },
          },
        },
        response: { 200: sessionSchema, ...errorResponses(...BODY_ERRORS, 401, 429) },
      },
    },
    async (request, reply) => {
      const now = deps.clock();
      const { token } = await signInStaff(deps.db, { ...request.body, ip: request.ip }, now);
      const session = (await findStaffSession(deps.db, token, now))!;
      await recordAudit(deps.db, { actor: auditActor({ user: session.user, ip: request.ip }), action: 'staff.sign_in', targetType: 'user', targetId: session.user.id }, now);
      setStaffCookie(reply, token);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.get(SESSION_PATH, { schema: { tags, summary: '当前登录的员工 / who is signed in', operationId: 'getStaffSession', security: adminRead, response: { 200: sessionSchema, ...errorResponses(401) } } }, async (request) => {
    if (!request.staff) throw unauthenticated();
    return { user: request.staff, csrfToken: request.staffCsrfToken ?? '' };
  });

  app.delete(SESSION_PATH, { schema: { tags, summary: '退出登录 / sign out', operationId: 'signOutStaff', security: adminRead, response: { ...noContent, ...errorResponses(401, 403, 415) } } }, async (request, reply) => {
    const token = request.cookies[STAFF_COOKIE];
    if (token) await endStaffSession(deps.db, token);
    if (request.staff) {
      await recordAudit(deps.db, { actor: auditActor({ user: request.staff, ip: request.ip }), action: 'staff.sign_out', targetType: 'user', targetId: request.staff.id }, deps.clock());
    }
    reply.clearCookie(STAFF_COOKIE, COOKIE_OPTIONS);
    return reply.code(204).send();
  });
}
