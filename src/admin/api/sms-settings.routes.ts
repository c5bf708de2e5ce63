import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { auditActor } from '../../content/index.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, ref } from '../../http/api-schemas.js';
import { getSmsSettings, type SmsSettings, smsSettingsView, updateSmsSettings } from '../../sms/index.js';
import { requireStaff, staffActor } from '../staff-auth.js';

const fields = {
  provider: { type: 'string', enum: ['console', 'aliyun', 'tencent'], description: 'console 只写入文件（开发用）；aliyun 阿里云短信；tencent 腾讯云短信' },
  accessKeyId: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9_-]*$', description: 'AccessKey ID / SecretId' },
  signName: { type: 'string', maxLength: 30, description: '短信签名（已审核通过的）' },
  templateCode: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9_]*$', description: '模板 CODE（阿里云，变量 ${code}）/ 模板 ID（腾讯云，变量 {1}）' },
  sdkAppId: { type: 'string', maxLength: 20, pattern: '^\\d*$', description: '腾讯云短信应用 SDK AppID' },
  region: { type: 'string', maxLength: 30, pattern: '^[a-z0-9-]*$', description: '阿里云默认 cn-hangzhou，腾讯云默认 ap-guangzhou' },
  endpoint: { type: 'string', maxLength: 200, pattern: '^(https?://[^\\s]+)?$', description: '接口地址（私有网络接入点等），留空用服务商的公网地址' },
} as const;

/** The settings as answered: the secret never leaves the server, only whether it is set (components: SmsSettings). */
export const smsSettingsResponseSchema = {
  $id: 'SmsSettings',
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(fields), 'accessKeySecretSet'],
  properties: { ...fields, accessKeySecretSet: { type: 'boolean' } },
} as const;

const changeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...fields, accessKeySecret: { type: 'string', maxLength: 200, description: 'AccessKey Secret / SecretKey：只写，不会返回' } },
} as const;

const tags = ['settings'];

export function registerSmsSettingsApi(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/admin/settings/sms',
    {
      onRequest: requireStaff('settings.manage'),
      schema: { tags, summary: '短信服务设置 / SMS provider settings (the secret only as set or not)', operationId: 'getSmsSettings', security: adminRead, response: { 200: ref('SmsSettings'), ...errorResponses(401, 403) } },
    },
    async () => smsSettingsView(await getSmsSettings(deps.db)),
  );

  app.patch<{ Body: Partial<SmsSettings> }>(
    '/api/admin/settings/sms',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags,
        summary: '修改短信服务设置 / change SMS provider settings (only the keys sent)',
        operationId: 'updateSmsSettings',
        security: adminWrite,
        body: changeSchema,
        response: { 200: ref('SmsSettings'), ...errorResponses(...BODY_ERRORS, 401, 403) },
      },
    },
    async (request) => updateSmsSettings(deps.db, request.body, auditActor(staffActor(request)), deps.clock()),
  );
}
