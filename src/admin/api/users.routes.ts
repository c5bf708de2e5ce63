import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import {
  changeStaffPassword,
  createStaffAccount,
  findStaffUser,
  listStaffUsers,
  newTotpSecret,
  STAFF_ROLES,
  type StaffRole,
  totpUri,
  updateStaffUser,
  verifyTotp,
} from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { invalid, notFound } from '../../lib/errors.js';
import { getSiteSettings } from '../../site/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { idParams } from '../../web/route-schemas.js';

const tags = ['users'];
const userSchema = {
  type: 'object',
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
const names = { displayName: { type: 'string', minLength: 1, maxLength: 30 }, realName: { type: 'string', minLength: 1, maxLength: 30 } } as const;

// Setting up a second factor takes two steps; the secret waits here (per account, briefly) until a code confirms it.
const pendingTotpSecrets = new Map<number, string>();

export function registerUserApi(app: FastifyInstance, deps: AppDeps): void {
  const audit = (request: Parameters<typeof staffActor>[0], action: string, targetId: number, details: Record<string, unknown> = {}) =>
    recordAudit(deps.db, { actor: auditActor(staffActor(request)), action, targetType: 'user', targetId, details }, deps.clock());

  app.get(
    '/api/admin/users',
    { preHandler: requireStaff('users.manage'), schema: { tags, summary: '员工账号 / staff accounts', response: { 200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } } } } },
    async () => ({ users: await listStaffUsers(deps.db) }),
  );

  app.post<{ Body: { username: string; password: string; role: StaffRole; displayName?: string; realName?: string } }>(
    '/api/admin/users',
    {
      preHandler: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '新建员工账号 / create a staff account',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password', 'role'],
          properties: { username: { type: 'string', maxLength: 32 }, password, role: { type: 'string', enum: STAFF_ROLES }, ...names },
        },
        response: { 201: userSchema },
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
      preHandler: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '修改角色、停用、改名、重设密码 / change role, disable, rename, reset password',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { role: { type: 'string', enum: STAFF_ROLES }, disabled: { type: 'boolean' }, password, ...names } },
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const user = await findStaffUser(deps.db, request.params.id);
      if (!user) throw notFound('users.not_found');
      const { password: newPassword, ...changes } = request.body;
      await updateStaffUser(deps.db, user.id, changes);
      if (newPassword) await changeStaffPassword(deps.db, user.username, newPassword);
      await audit(request, 'user.update', user.id, { fields: Object.keys(request.body) });
      return (await findStaffUser(deps.db, user.id))!;
    },
  );

  app.post(
    '/api/admin/me/totp',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        summary: '开始设置两步验证 / start setting up a TOTP second factor',
        response: { 200: { type: 'object', properties: { secret: { type: 'string' }, uri: { type: 'string' }, qrSvg: { type: 'string' } } } },
      },
    },
    async (request) => {
      const { user } = staffActor(request);
      const secret = newTotpSecret();
      pendingTotpSecrets.set(user.id, secret);
      const uri = totpUri(secret, user.username, (await getSiteSettings(deps.db)).siteName);
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
    },
  );

  app.post<{ Body: { code: string } }>(
    '/api/admin/me/totp/confirm',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        summary: '输入动态码完成设置 / confirm with a code from the app',
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^\\d{6}$' } } },
      },
    },
    async (request) => {
      const { user } = staffActor(request);
      const secret = pendingTotpSecrets.get(user.id);
      if (!secret || !verifyTotp(secret, request.body.code, deps.clock())) throw invalid('auth.bad_totp');
      pendingTotpSecrets.delete(user.id);
      await updateStaffUser(deps.db, user.id, { totpSecret: secret });
      await audit(request, 'user.totp_enabled', user.id);
      return { totpEnabled: true };
    },
  );
}
