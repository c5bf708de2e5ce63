import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import {
  changeStaffPassword,
  checkAsSignInAttempt,
  hashNewPassword,
  createStaffAccount,
  disableTotp,
  enableTotp,
  listStaffUsers,
  newTotpSecret,
  STAFF_ROLES,
  type StaffRole,
  totpUri,
  updateStaffAccount,
  verifyPassword,
} from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { AppError } from '../../lib/errors.js';
import { getSiteSettings } from '../../site/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, noContent, ref } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';

const tags = ['users'];
/** A staff account as the API answers it (components: StaffUser). */
export const staffUserSchema = {
  $id: 'StaffUser',
  type: 'object',
  required: ['id', 'username', 'displayName', 'realName', 'role', 'disabled', 'totpEnabled'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    realName: { type: 'string' },
    role: { type: 'string', enum: STAFF_ROLES },
    disabled: { type: 'boolean' },
    totpEnabled: { type: 'boolean' },
  },
} as const;
const password = { type: 'string', minLength: 10, maxLength: 200 } as const;
const totpState = { type: 'object', required: ['totpEnabled'], properties: { totpEnabled: { type: 'boolean' } } } as const;
const totpCode = { type: 'string', pattern: '^\\d{6}$' } as const;
const names = { displayName: { type: 'string', minLength: 1, maxLength: 30 }, realName: { type: 'string', minLength: 1, maxLength: 30 } } as const;

export function registerUserApi(app: FastifyInstance, deps: AppDeps): void {
  const audit = (request: Parameters<typeof staffActor>[0], action: string, targetId: number, details: Record<string, unknown> = {}, db = deps.db) =>
    recordAudit(db, { actor: auditActor(staffActor(request)), action, targetType: 'user', targetId, details }, deps.clock());

  app.get(
    '/api/admin/users',
    { onRequest: requireStaff('users.manage'), schema: {
        tags,
        summary: '员工账号 / staff accounts',
        operationId: 'listStaffUsers',
        security: adminRead,
        response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: ref('StaffUser') } } }, ...errorResponses(401, 403) },
      },
    },
    async () => ({ users: await listStaffUsers(deps.db) }),
  );

  app.post<{ Body: { username: string; password: string; role: StaffRole; displayName?: string; realName?: string } }>(
    '/api/admin/users',
    {
      onRequest: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '新建员工账号 / create a staff account',
        operationId: 'createStaffUser',
        security: adminWrite,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password', 'role'],
          properties: { username: { type: 'string', maxLength: 32 }, password, role: { type: 'string', enum: STAFF_ROLES }, ...names },
        },
        response: { 201: ref('StaffUser'), ...errorResponses(...BODY_ERRORS, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await createStaffAccount(deps.db, request.body, deps.clock());
      await audit(request, 'user.create', user.id, { username: user.username, role: user.role });
      return reply.code(201).send(user);
    },
  );

  app.patch<{ Params: { id: number }; Body: { role?: StaffRole; disabled?: boolean; displayName?: string; realName?: string; password?: string } }>(
    '/api/admin/users/:id',
    {
      onRequest: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '修改角色、停用、改名、重设密码 / change role, disable, rename, reset password',
        description: 'Disabling or a new password ends the account’s sessions and revokes its API tokens. The last active admin cannot be demoted or disabled (409).',
        operationId: 'updateStaffUser',
        security: adminWrite,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { role: { type: 'string', enum: STAFF_ROLES }, disabled: { type: 'boolean' }, password, ...names } },
        response: { 200: ref('StaffUser'), ...errorResponses(...BODY_ERRORS, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { password, ...changes } = request.body;
      const now = deps.clock();
      // Hashed before the transaction: it holds the admins' lock, and on SQLite the only connection.
      const newPassword = password ? await hashNewPassword(password) : undefined;
      return deps.db.transaction().execute(async (trx) => {
        const user = await updateStaffAccount(trx, request.params.id, changes, now);
        if (newPassword) await changeStaffPassword(trx, user.username, newPassword, now);
        await audit(request, 'user.update', user.id, { fields: Object.keys(request.body) }, trx);
        return user;
      });
    },
  );

  app.post(
    '/api/admin/me/totp',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '开始设置两步验证 / start setting up a TOTP second factor',
        operationId: 'startTotpSetup',
        security: adminWrite,
        response: {
          200: { type: 'object', required: ['secret', 'uri', 'qrSvg'], properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrSvg: { type: 'string' } } },
          ...errorResponses(401, 403, 415),
        },
      },
    },
    async (request) => {
      const { user } = staffActor(request);
      const secret = newTotpSecret();
      const uri = totpUri(secret, user.username, (await getSiteSettings(deps.db)).siteName);
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
    },
  );

  // The new secret travels with the confirming code instead of waiting in one server's memory, so any
  // instance can confirm it; the code proves the signed-in person's app holds that very secret.
  app.post<{ Body: { secret: string; code: string; currentCode?: string } }>(
    '/api/admin/me/totp/confirm',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '输入动态码完成设置 / confirm the secret with a code from the app',
        description: 'While a second factor is on, currentCode (from it) is needed too, and counts against the account’s sign-in failure limit (429 past it).',
        operationId: 'confirmTotp',
        security: adminWrite,
        response: { 200: totpState, ...errorResponses(...BODY_ERRORS, 401, 403, 429) },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['secret', 'code'],
          properties: { secret: { type: 'string', pattern: '^[A-Z2-7]{16,64}$' }, code: totpCode, currentCode: totpCode },
        },
      },
    },
    async (request) => {
      const { user } = staffActor(request);
      await enableTotp(deps.db, user, request.body, deps.clock());
      await audit(request, 'user.totp_enabled', user.id);
      return { totpEnabled: true };
    },
  );

  app.post<{ Body: { code: string } }>(
    '/api/admin/me/totp/disable',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '关闭两步验证 / turn the second factor off (needs a current code)',
        description: 'Each code counts against the account’s sign-in failure limit: past it the account is locked (429).',
        operationId: 'disableTotp',
        security: adminWrite,
        response: { 200: totpState, ...errorResponses(...BODY_ERRORS, 401, 403, 429) },
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: totpCode } },
      },
    },
    async (request) => {
      const { user } = staffActor(request);
      await disableTotp(deps.db, user, request.body.code, deps.clock());
      await audit(request, 'user.totp_disabled', user.id);
      return { totpEnabled: false };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/admin/me/password',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '修改自己的密码 / change one’s own password (signs out everywhere, revokes API tokens)',
        description: 'Each current password counts against the account’s sign-in failure limit: past it the account is locked (429).',
        operationId: 'changeOwnPassword',
        security: adminWrite,
        response: { ...noContent, ...errorResponses(...BODY_ERRORS, 401, 403, 429) },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: password },
        },
      },
    },
    async (request, reply) => {
      const { user } = staffActor(request);
      const { currentPassword } = request.body;
      const passwordOk = await checkAsSignInAttempt(deps.db, user.username, async ({ passwordHash }) => passwordHash !== null && (await verifyPassword(passwordHash, currentPassword)), deps.clock());
      if (!passwordOk) throw new AppError('Forbidden', 'auth.bad_credentials');
      const newPassword = await hashNewPassword(request.body.newPassword);
      await deps.db.transaction().execute(async (trx) => {
        await changeStaffPassword(trx, user.username, newPassword, deps.clock());
        await audit(request, 'user.passwd', user.id, {}, trx);
      });
      return reply.code(204).send();
    },
  );
}
