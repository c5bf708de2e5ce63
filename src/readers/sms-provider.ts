import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Sends text messages. Real providers (阿里云短信, 腾讯云短信, in src/sms/)
 * send `code` into the site's approved template; the console provider writes
 * each message's `text` as a JSON line to a file, for development, tests and
 * demos. A failed send throws; see SmsSendFailure.
 */
export interface SmsProvider {
  send(message: { phone: string; text: string; code: string }): Promise<void>;
}

/** What a provider's error may say: true when the message may still arrive (a time-out), so its code must stay valid. */
export interface SmsSendFailure {
  mayHaveBeenSent: boolean;
}

export class ConsoleSmsProvider implements SmsProvider {
  constructor(readonly outboxFile: string) {}

  async send(message: { phone: string; text: string; code: string }): Promise<void> {
    await fs.mkdir(path.dirname(this.outboxFile), { recursive: true });
    const line = JSON.stringify({ at: new Date().toISOString(), ...message });
    // One appendFile call per line: concurrent senders never interleave within a line.
    await fs.appendFile(this.outboxFile, `${line}\n`);
  }
}
