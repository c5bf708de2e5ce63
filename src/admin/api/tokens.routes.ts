import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_TOKEN_MAX_DAYS,
  type ApiToken,
  createApiToken,
  expiryInDays,
  findStaffUser,
  listApiTokens,
  revokeApiToken,
} from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import type { Db } from '../../db/database.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, noContent } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const tags = ['tokens'];
const id = idParams.properties.id;
const tokenSchema = {
  type: 'object',
  required: ['id', 'name', 'createdAt', 'expiresAt', 'lastUsedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    createdAt: dateTime,
    expiresAt: { ...dateTime, type: ['string', 'null'] },
    lastUsedAt: { ...dateTime, type: ['string', 'null'], description: 'ISO 8601, UTC; kept to the minute.' },
  },
} as const;
const tokenList = { type: 'object', required: ['tokens'], additionalProperties: false, properties: { tokens: { type: 'array', items: tokenSchema } } } as const;

function tokenJson(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * API tokens: everyone lists, creates and revokes their own under /me;
 * admins list and revoke anyone's under /users/:id. Each creation and
 * revocation commits together with its audit entry.
 */
export function registerTokenApi(app: FastifyInstance, deps: AppDeps): void {
  const revoke = (request: FastifyRequest, userId: number, tokenId: number) =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock();
      const token = await revokeApiToken(trx, tokenId, now, userId);
      await audit(trx, request, 'token.revoke', userId, { tokenId, name: token.name }, now);
    });

  app.get(
    '/api/admin/me/tokens',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '我的 API 令牌 / my API tokens (not revoked)',
        operationId: 'listOwnTokens',
        security: adminRead,
        response: { 200: tokenList, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ tokens: (await listApiTokens(deps.db, staffActor(request).user.id)).map(tokenJson) }),
  );

  app.post<{ Body: { name: string; expiresInDays?: number | null } }>(
    '/api/admin/me/tokens',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '新建 API 令牌 / create an API token for scripts (shown once)',
        operationId: 'createOwnToken',
        security: adminWrite,
        description: 'Only from a signed-in session: a token cannot mint another. Without expiresInDays it lasts until revoked.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 50 },
            expiresInDays: { type: ['integer', 'null'], minimum: 1, maximum: API_TOKEN_MAX_DAYS },
          },
        },
        response: {
          201: { type: 'object', required: ['token', 'apiToken'], additionalProperties: false, properties: { token: { type: 'string' }, apiToken: tokenSchema } },
          ...errorResponses(...BODY_ERRORS, 401, 403),
        },
      },
    },
    async (request, reply) => {
      // A stolen token must not be able to outlive its revocation by creating a fresh one.
      if (request.staffAuth !== 'session') throw forbidden('tokens.session_required');
      const { user } = staffActor(request);
      const now = deps.clock();
      const { expiresInDays } = request.body;
      const created = await deps.db.transaction().execute(async (trx) => {
        const result = await createApiToken(trx, user.id, request.body.name.trim(), now, expiresInDays ? expiryInDays(expiresInDays, now) : null);
        const { id: tokenId, name, expiresAt } = result.apiToken;
        await audit(trx, request, 'token.create', user.id, { tokenId, name, expiresAt: expiresAt?.toISOString() ?? null }, now);
        return result;
      });
      return reply.code(201).send({ token: created.token, apiToken: tokenJson(created.apiToken) });
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/admin/me/tokens/:id',
    {
      onRequest: requireStaff(),
      schema: {
        tags,
        summary: '撤销我的 API 令牌 / revoke one of my tokens',
        operationId: 'revokeOwnToken',
        security: adminWrite,
        params: idParams,
        response: { ...noContent, ...errorResponses(401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await revoke(request, staffActor(request).user.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/admin/users/:id/tokens',
    {
      onRequest: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '员工的 API 令牌 / a staff member’s tokens',
        operationId: 'listStaffTokens',
        security: adminRead,
        params: idParams,
        response: { 200: tokenList, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findStaffUser(deps.db, request.params.id))) throw notFound('users.not_found');
      return { tokens: (await listApiTokens(deps.db, request.params.id)).map(tokenJson) };
    },
  );

  app.delete<{ Params: { id: number; tokenId: number } }>(
    '/api/admin/users/:id/tokens/:tokenId',
    {
      onRequest: requireStaff('users.manage'),
      schema: {
        tags,
        summary: '撤销员工的 API 令牌 / revoke a staff member’s token',
        operationId: 'revokeStaffToken',
        security: adminWrite,
        params: { type: 'object', required: ['id', 'tokenId'], additionalProperties: false, properties: { id, tokenId: id } },
        response: { ...noContent, ...errorResponses(401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await revoke(request, request.params.id, request.params.tokenId);
      return reply.code(204).send();
    },
  );
}

function audit(db: Db, request: FastifyRequest, action: string, userId: number, details: Record<string, unknown>, now: Date) {
  return recordAudit(db, { actor: auditActor(staffActor(request)), action, targetType: 'user', targetId: userId, details }, now);
}
