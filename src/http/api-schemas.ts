import type { FastifyInstance } from 'fastify';

/**
 * The conventions every JSON operation follows, in one place, so the OpenAPI
 * document (/api/docs/json) tells the truth and a new route has little to
 * write:
 * - errors answer the shared `Error` schema: `{ error, message, field?, details? }`;
 *   an operation lists each error status it can answer with `errorResponses(…)`;
 * - times are ISO 8601 strings in UTC (`2026-12-01T16:08:14.000Z`), `format: date-time`;
 * - a success without a body answers 204 (`noContent`), a creation 201;
 * - admin operations use `adminRead`/`adminWrite` security, reader operations
 *   `readerOnly`/`readerOptional`, anonymous ones `anonymous`.
 */

/** Statuses an operation may answer with the Error schema, and what each means to a client. */
const ERROR_STATUSES = {
  400: '请求有误：字段不合规或有未知字段（field 指出是哪个）/ invalid request; `field` names the field',
  401: '未登录或凭据无效 / not signed in, or the token is not valid',
  403: '无权操作，或缺少 CSRF 令牌 / not allowed, or the x-csrf-token header is missing or stale',
  404: '不存在或不可见 / not found, or not visible to the caller',
  409: '当前状态不允许这项操作 / conflicts with the current state',
  413: '提交的内容太大 / the body is too large',
  415: '只接受 JSON（上传接受 multipart/form-data）/ unsupported content type',
  429: '太频繁，请稍后再试（见 Retry-After）/ rate limited; see Retry-After',
  503: '暂时不可用，请稍后再试（如数据库、图片存储、短信平台、微信接口或 Redis 连不上）/ a store or service bendi depends on (database, media storage, SMS, WeChat, Redis) is unreachable; try again later',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Every operation may answer 503 (the database, or Redis, may be out of
 * reach), so every one says so in the API document without each route
 * listing it. Registered once, before the routes (onRoute).
 */
export function documentOutages(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.schema?.response) route.schema.response = { ...errorResponses(503), ...(route.schema.response as object) };
  });
}

/** The `response` entries for the error statuses an operation can answer. */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, { description: string; $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERROR_STATUSES[s], $ref: 'Error#' }]));
}

/**
 * Errors a request with a JSON body can meet before any rule of the operation: bad fields, too large, not JSON.
 * Operations without a body that change state still list 415: a body of another type is refused.
 */
export const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];

export const noContent = { 204: { type: 'null', description: '成功，无内容 / done, no content' } } as const;

export const dateTime = { type: 'string', format: 'date-time', description: 'ISO 8601, UTC' } as const;

/** Staff: an API token, or the session cookie (with the CSRF header for anything that changes state). */
type Security = Array<Record<string, string[]>>;
export const adminRead: Security = [{ bearer: [] }, { staffCookie: [] }];
export const adminWrite: Security = [{ bearer: [] }, { staffCookie: [], csrfToken: [] }];
/** Readers sign in by SMS and hold a cookie; some operations answer anyone and say more to a signed-in reader. */
export const readerOnly: Security = [{ readerCookie: [] }];
export const readerOptional: Security = [{}, { readerCookie: [] }];
export const anonymous: Security = [];

/** The shape of every error answer, from every operation (see http/error-handler.ts). */
const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'An error',
  required: ['error', 'message'],
  additionalProperties: false,
  properties: {
    error: { type: 'string', description: 'A code for programs, e.g. request.unknown_field, workflow.illegal_transition', examples: ['request.unknown_field'] },
    message: { type: 'string', description: 'What went wrong, in Chinese, for a person', examples: ['未知字段：titel'] },
    field: { type: 'string', description: 'The request field at fault, by path (flags.headline)' },
    details: { type: 'object', additionalProperties: true, description: 'More a client can act on, e.g. { retryAfterSeconds } or { missing: [...] }' },
  },
} as const;

/** Shared schemas: registered once, referred to as { $ref: 'Name#' }, listed under components in the document. */
export function registerApiSchemas(app: FastifyInstance, schemas: readonly { $id: string }[]): void {
  for (const schema of [errorSchema, ...schemas]) app.addSchema(schema);
}

export const ref = (id: string) => ({ $ref: `${id}#` }) as const;
