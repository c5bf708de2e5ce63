import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { auditActor } from '../../content/index.js';
import { adminRead, adminWrite, BODY_ERRORS, dateTime, errorResponses, ref } from '../../http/api-schemas.js';
import {
  getSearchPushSettings,
  listRecentPushes,
  type PushRecord,
  type PushStatus,
  type SearchPushSettings,
  searchPushSettingsView,
  updateSearchPushSettings,
} from '../../search-push/index.js';
import { absoluteUrl, paths } from '../../web/urls.js';
import { requireStaff, staffActor } from '../staff-auth.js';
import { pushResultText } from '../views/push-result-text.js';

const endpoint = { type: 'string', maxLength: 200, pattern: '^(https?://[^\\s]+)?$', description: '接口地址，留空用公网地址（测试时指向本地替身）' } as const;
const fields = {
  baiduSite: { type: 'string', maxLength: 200, pattern: '^((https?://)?[A-Za-z0-9.-]+(:\\d+)?)?$', description: '百度搜索资源平台验证的站点，如 https://www.qingxi.example' },
  baiduEndpoint: endpoint,
  indexNowKey: { type: 'string', maxLength: 128, pattern: '^([A-Za-z0-9-]{8,128})?$', description: 'IndexNow 密钥（8–128 个字母、数字或 -），留空不推送' },
  indexNowEndpoint: endpoint,
} as const;

/** The settings as answered: the token never leaves the server, only whether it is set (components: SearchPushSettings). */
export const searchPushSettingsResponseSchema = {
  $id: 'SearchPushSettings',
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(fields), 'baiduTokenSet'],
  properties: { ...fields, baiduTokenSet: { type: 'boolean' } },
} as const;

const changeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...fields, baiduToken: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9]*$', description: '百度推送 token（准入密钥）：只写，不会返回' } },
} as const;

const STATUSES: PushStatus[] = ['pending', 'sent', 'failed'];
const pushSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'articleId', 'articleTitle', 'url', 'engine', 'status', 'attempts', 'nextAttemptAt', 'createdAt', 'doneAt', 'result', 'resultText'],
  properties: {
    id: { type: 'integer' },
    articleId: { type: 'integer' },
    articleTitle: { type: 'string' },
    url: { type: 'string' },
    engine: { type: 'string', enum: ['baidu', 'indexnow'] },
    status: { type: 'string', enum: STATUSES, description: 'pending 等待发送（含等待重试），sent 已推送，failed 失败（不再重试）' },
    attempts: { type: 'integer' },
    nextAttemptAt: dateTime,
    createdAt: dateTime,
    doneAt: { ...dateTime, nullable: true },
    result: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['outcome', 'code'],
      properties: {
        outcome: { type: 'string', enum: ['sent', 'failed', 'retry'] },
        code: { type: 'string', description: '结果代码，如 accepted、bad_token、over_quota、server_error' },
        httpStatus: { type: 'integer' },
        message: { type: 'string', description: '搜索引擎返回的原话' },
        remain: { type: 'integer', description: '百度：今日剩余配额' },
      },
    },
    resultText: { type: 'string', description: '结果的中文说明' },
  },
} as const;

const tags = ['settings'];

export function registerSearchEnginesApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/settings/search-engines',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '搜索引擎推送设置 / Baidu and IndexNow push settings (the token only as set or not)',
        operationId: 'getSearchPushSettings',
        security: adminRead,
        response: { 200: ref('SearchPushSettings'), ...errorResponses(401, 403) },
      },
    },
    async () => searchPushSettingsView(await getSearchPushSettings(deps.db)),
  );

  app.patch<{ Body: Partial<SearchPushSettings> }>(
    '/api/admin/settings/search-engines',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '修改搜索引擎推送设置 / change the push settings (only the keys sent)',
        operationId: 'updateSearchPushSettings',
        security: adminWrite,
        body: changeSchema,
        response: { 200: ref('SearchPushSettings'), ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request) => updateSearchPushSettings(deps.db, request.body, auditActor(staffActor(request)), deps.clock()),
  );

  app.get<{ Querystring: { status?: PushStatus; limit?: number } }>(
    '/api/admin/search-engines/pushes',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '最近的搜索引擎推送及结果 / the latest pushes to search engines, newest first',
        operationId: 'listSearchPushes',
        security: adminRead,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: STATUSES }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        },
        response: {
          200: { type: 'object', required: ['pushes'], additionalProperties: false, properties: { pushes: { type: 'array', items: pushSchema } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const pushes = await listRecentPushes(deps.db, request.query.limit ?? 100, request.query.status);
      return { pushes: pushes.map((push) => pushJson(push, request.pageOrigin)) };
    },
  );
}

function pushJson(push: PushRecord, origin: string) {
  return {
    id: push.id,
    articleId: push.articleId,
    articleTitle: push.articleTitle,
    url: absoluteUrl(origin, paths.article(push.articleId)),
    engine: push.engine,
    status: push.status,
    attempts: push.attempts,
    nextAttemptAt: push.nextAttemptAt.toISOString(),
    createdAt: push.createdAt.toISOString(),
    doneAt: push.doneAt?.toISOString() ?? null,
    result: push.lastResult,
    resultText: pushResultText(push.lastResult),
  };
}
