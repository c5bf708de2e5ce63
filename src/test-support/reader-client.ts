import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Headers = Record<string, string>;
export const WECHAT_AGENT = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile MicroMessenger/8.0.49';
let phoneSerial = 0;
/** Distinct valid mainland numbers, so tests never share a reader or a rate limit. */
export const nextPhone = () => `139${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSerial).padStart(4, '0')}`;

/**
 * Readers of a test app through its real API: `inject` as a phone in WeChat
 * would (from one test address unless told), `signIn` through the console SMS
 * provider's outbox. `appOf` gives the app once a test's before() has built it.
 */
export function readerClient(appOf: () => FastifyInstance) {
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers = {}, payload?: object, remoteAddress = '115.236.1.1') =>
    appOf().inject({ method, url, headers: { 'user-agent': WECHAT_AGENT, ...headers }, remoteAddress, ...(payload ? { payload } : {}) });

  /** The last code the console SMS provider wrote for a number. */
  function lastCode(phone: string): string {
    const lines = fs.readFileSync(appOf().smsOutboxFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phone: string; code: string });
    const code = lines.reverse().find((l) => l.phone === phone)?.code;
    assert.ok(code, `no SMS for ${phone}`);
    return code;
  }

  async function signIn(phone = nextPhone(), remoteAddress?: string): Promise<Headers> {
    assert.equal((await inject('POST', '/api/auth/sms-code', {}, { phone }, remoteAddress)).statusCode, 202);
    const res = await inject('POST', '/api/auth/sign-in', {}, { phone, code: lastCode(phone) }, remoteAddress);
    assert.equal(res.statusCode, 200, res.body);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]! };
  }

  return { inject, lastCode, signIn };
}

export const json = (res: LightMyRequestResponse) => res.json() as Record<string, any>;
