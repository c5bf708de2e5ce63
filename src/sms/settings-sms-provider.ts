import type { Db } from '../db/database.js';
import type { SmsProvider } from '../readers/index.js';
import { AliyunSmsProvider, type SmsSendOptions } from './aliyun-sms.js';
import { getSmsSettings } from './sms-settings-repo.js';
import { TencentSmsProvider } from './tencent-sms.js';

/** Long enough for a provider on a slow day, short enough that a reader waiting on the button does not give up. */
export const SMS_TIMEOUT_MS = 5000;

/**
 * Sends through the provider the site settings choose at the moment of
 * sending, so staff switch providers or keys without a restart; the console
 * provider is the default until they do.
 */
export class SettingsSmsProvider implements SmsProvider {
  constructor(
    private readonly db: Db,
    private readonly console: SmsProvider,
    private readonly options: SmsSendOptions = { timeoutMs: SMS_TIMEOUT_MS },
  ) {}

  async send(message: { phone: string; text: string; code: string }): Promise<void> {
    const settings = await getSmsSettings(this.db);
    if (settings.provider === 'aliyun') return new AliyunSmsProvider(settings, this.options).send(message);
    if (settings.provider === 'tencent') return new TencentSmsProvider(settings, this.options).send(message);
    return this.console.send(message);
  }
}
