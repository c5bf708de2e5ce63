export { ALIYUN_SMS_ENDPOINT, AliyunSmsProvider } from './aliyun-sms.js';
export { TENCENT_SMS_ENDPOINT, TencentSmsProvider } from './tencent-sms.js';
export { SettingsSmsProvider, SMS_TIMEOUT_MS } from './settings-sms-provider.js';
export { SmsProviderError } from './sms-provider-error.js';
export { DEFAULT_SMS_SETTINGS, type SmsSettings, type SmsSettingsView, smsSettingsView } from './sms-settings.js';
export { getSmsSettings } from './sms-settings-repo.js';
export { updateSmsSettings } from './update-sms-settings.js';
