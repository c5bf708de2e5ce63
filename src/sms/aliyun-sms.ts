import { randomUUID } from 'node:crypto';
import type { SmsProvider } from '../readers/index.js';
import { canonicalQuery, percentEncode, signRpc } from './aliyun-signature.js';
import { postToProvider, type SmsFailure, SmsProviderError } from './sms-provider-error.js';
import type { SmsSettings } from './sms-settings.js';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/** Dysmsapi's error codes (isv.*) a reader's message depends on; any other refusal is the site's own setup. */
const FAILURE_BY_CODE: Record<string, SmsFailure> = {
  'isv.BUSINESS_LIMIT_CONTROL': 'rate_limited',
  'isv.DAY_LIMIT_CONTROL': 'rate_limited',
  'isv.MOBILE_NUMBER_ILLEGAL': 'phone_unreachable',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'phone_unreachable',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'phone_unreachable',
  'isv.AMOUNT_NOT_ENOUGH': 'no_balance',
  'isv.OUT_OF_SERVICE': 'no_balance',
};

export interface SmsSendOptions {
  /** How long to wait for the provider before telling the reader it is slow. */
  timeoutMs: number;
  clock?: () => Date;
}

/**
 * 阿里云短信 (Dysmsapi SendSms, API version 2017-05-25), as an RPC call:
 * a form POST whose parameters carry the signature. The template receives
 * the code as ${code}.
 */
export class AliyunSmsProvider implements SmsProvider {
  constructor(
    private readonly settings: SmsSettings,
    private readonly options: SmsSendOptions,
  ) {}

  async send(message: { phone: string; code: string }): Promise<void> {
    const { settings } = this;
    const now = this.options.clock?.() ?? new Date();
    const params: Record<string, string> = {
      AccessKeyId: settings.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.phone,
      RegionId: settings.region || 'cn-hangzhou',
      SignName: settings.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: settings.templateCode,
      TemplateParam: JSON.stringify({ code: message.code }),
      // ISO 8601 in UTC to the second, as the API requires.
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const body = `${canonicalQuery(params)}&Signature=${percentEncode(signRpc('POST', params, settings.accessKeySecret))}`;
    const answer = (await postToProvider(
      'aliyun',
      settings.endpoint || ALIYUN_SMS_ENDPOINT,
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      this.options.timeoutMs,
    )) as { Code?: unknown; Message?: unknown };
    if (answer.Code === 'OK') return;
    const code = String(answer.Code ?? 'no code');
    throw new SmsProviderError(FAILURE_BY_CODE[code] ?? 'rejected', 'aliyun', code, String(answer.Message ?? ''));
  }
}
