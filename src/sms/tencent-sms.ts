import type { SmsProvider } from '../readers/index.js';
import type { SmsSendOptions } from './aliyun-sms.js';
import { postToProvider, type SmsFailure, SmsProviderError } from './sms-provider-error.js';
import type { SmsSettings } from './sms-settings.js';
import { tc3Authorization } from './tencent-signature.js';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com/';
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** SendSms's error codes a reader's message depends on; any other refusal is the site's own setup. */
function failureOf(code: string): SmsFailure {
  // PhoneNumberDailyLimit, PhoneNumberOneHourLimit, PhoneNumberThirtySecondLimit, PhoneNumberSameContentDailyLimit, …
  if (code.startsWith('LimitExceeded.')) return 'rate_limited';
  if (code === 'InvalidParameterValue.IncorrectPhoneNumber' || code === 'FailedOperation.PhoneNumberInBlacklist' || code === 'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber') {
    return 'phone_unreachable';
  }
  if (code === 'FailedOperation.InsufficientBalanceInSmsPackage') return 'no_balance';
  return 'rejected';
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: Array<{ Code?: string; Message?: string }>;
  };
}

/**
 * 腾讯云短信 (SendSms, API version 2021-01-11), a JSON POST signed with
 * TC3-HMAC-SHA256. The template receives the code as its only variable, {1}.
 */
export class TencentSmsProvider implements SmsProvider {
  constructor(
    private readonly settings: SmsSettings,
    private readonly options: SmsSendOptions,
  ) {}

  async send(message: { phone: string; code: string }): Promise<void> {
    const { settings } = this;
    const url = settings.endpoint || TENCENT_SMS_ENDPOINT;
    const timestamp = Math.floor((this.options.clock?.() ?? new Date()).getTime() / 1000);
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.phone}`],
      SmsSdkAppId: settings.sdkAppId,
      SignName: settings.signName,
      TemplateId: settings.templateCode,
      TemplateParamSet: [message.code],
    });
    const authorization = tc3Authorization({
      secretId: settings.accessKeyId,
      secretKey: settings.accessKeySecret,
      service: 'sms',
      host: new URL(url).host,
      contentType: CONTENT_TYPE,
      payload,
      timestamp,
    });
    const answer = (await postToProvider(
      'tencent',
      url,
      {
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': settings.region || 'ap-guangzhou',
        },
        body: payload,
      },
      this.options.timeoutMs,
    )) as SendSmsAnswer;
    // A refused request carries Error; an accepted one reports each number's own outcome, "Ok" when sent.
    const outcome = answer.Response?.Error ?? answer.Response?.SendStatusSet?.[0];
    if (outcome?.Code === 'Ok') return;
    const code = outcome?.Code ?? 'no code';
    throw new SmsProviderError(failureOf(code), 'tencent', code, outcome?.Message ?? '');
  }
}
