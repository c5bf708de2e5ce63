import type { RemoteSmsProviderName } from './sms-provider-error.js';

/** Which service sends the sign-in codes: the console provider writes them to a file, for development only. */
export type SmsProviderName = 'console' | RemoteSmsProviderName;

/**
 * The SMS settings staff edit. One set of fields serves both providers:
 * 阿里云 calls them AccessKey ID / AccessKey Secret and TemplateCode, 腾讯云
 * SecretId / SecretKey and TemplateId; only 腾讯云 needs an SDK AppID.
 */
export interface SmsSettings {
  provider: SmsProviderName;
  accessKeyId: string;
  /** Write-only: never answered by the API nor shown in a form. */
  accessKeySecret: string;
  /** The approved 短信签名, e.g. 青溪生活网. */
  signName: string;
  /** The approved template: 阿里云's variable is ${code}, 腾讯云's is {1}. */
  templateCode: string;
  /** 腾讯云 only: the SmsSdkAppId of the 短信应用. */
  sdkAppId: string;
  /** 阿里云 cn-hangzhou; 腾讯云 ap-guangzhou, ap-beijing or ap-nanjing. */
  region: string;
  /** Another address for the provider's API (a private endpoint, or a stand-in in tests); empty for the public one. */
  endpoint: string;
}

export const DEFAULT_SMS_SETTINGS: Readonly<SmsSettings> = Object.freeze({
  provider: 'console',
  accessKeyId: '',
  accessKeySecret: '',
  signName: '',
  templateCode: '',
  sdkAppId: '',
  region: '',
  endpoint: '',
});

/** What the API and the form show: the secret only as whether it is set. */
export type SmsSettingsView = Omit<SmsSettings, 'accessKeySecret'> & { accessKeySecretSet: boolean };

export function smsSettingsView(settings: SmsSettings): SmsSettingsView {
  const { accessKeySecret, ...shown } = settings;
  return { ...shown, accessKeySecretSet: accessKeySecret !== '' };
}

/** The settings a provider cannot send without; empty when the chosen provider has all it needs. */
export function missingSmsSettings(settings: SmsSettings): Array<keyof SmsSettings> {
  if (settings.provider === 'console') return [];
  const needed: Array<keyof SmsSettings> = ['accessKeyId', 'accessKeySecret', 'signName', 'templateCode'];
  if (settings.provider === 'tencent') needed.push('sdkAppId');
  return needed.filter((key) => settings[key] === '');
}
