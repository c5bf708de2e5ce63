import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { unavailable } from '../lib/errors.js';
import { jsapiSignature } from './jsapi-signature.js';
import type { TicketStore } from './ticket-store.js';

/** A WeChat 公众号 and the API it is reached at (https://api.weixin.qq.com, or a stand-in in tests). */
export interface WechatAccount {
  appId: string;
  appSecret: string;
  apiBase: string;
}

/** What wx.config needs, besides the list of APIs the page uses. */
export interface WechatJsConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/** Both live 7200 s; dropping them 5 minutes early means a page never signs with one that lapses while it loads. */
const EXPIRY_MARGIN_SECONDS = 300;
/** Token errors (40001 invalid, 40014 not a token, 42001 expired): another instance or a tool fetched a newer token. */
const STALE_TOKEN_CODES = new Set([40001, 40014, 42001]);
/** Calls to WeChat a fetch may make: token and ticket, and both again when the token turns out stale. */
const CALLS_PER_FETCH = 4;
const WAIT_STEP_MS = 100;

class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
  }
}

/**
 * Signs pages for WeChat's JS-SDK. The access token and jsapi_ticket are
 * fetched on first use, kept in `store` until shortly before they expire,
 * and fetched by one caller at a time (one per process, and with a shared
 * store one across instances), since WeChat caps how often either may be
 * fetched. Throws Unavailable('wechat.unavailable') when WeChat cannot be
 * reached or refuses; the cause is logged, never shown.
 */
export class WechatJsSdk {
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly account: WechatAccount,
    private readonly store: TicketStore,
    private readonly options: { timeoutMs: number; clock: () => Date } = { timeoutMs: 5000, clock: () => new Date() },
  ) {}

  /** The signed wx.config values for a page at `url` (its #fragment is ignored, as WeChat ignores it). */
  async jsConfig(url: string): Promise<WechatJsConfig> {
    const ticket = await this.jsapiTicket();
    const timestamp = Math.floor(this.options.clock().getTime() / 1000);
    const nonceStr = randomBytes(12).toString('base64url');
    return { appId: this.account.appId, timestamp, nonceStr, signature: jsapiSignature({ ticket, nonceStr, timestamp, url }) };
  }

  private key(name: 'access_token' | 'jsapi_ticket' | 'lock'): string {
    return `wechat:${this.account.appId}:${name}`;
  }

  private async jsapiTicket(): Promise<string> {
    const cached = await this.store.get(this.key('jsapi_ticket'));
    if (cached) return cached;
    // Callers in this process share one fetch.
    this.inFlight ??= this.fetchTicketOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The one fetch across instances: whoever holds the lock fetches; the rest wait for what it stores. */
  private async fetchTicketOnce(): Promise<string> {
    try {
      const deadline = Date.now() + this.options.timeoutMs * 2;
      // Held for as long as the slowest fetch can take, so it never lapses while its holder is still asking WeChat.
      const lockMs = this.options.timeoutMs * CALLS_PER_FETCH + 1000;
      let lock: string | undefined;
      while (!(lock = await this.store.tryLock(this.key('lock'), lockMs))) {
        const stored = await this.store.get(this.key('jsapi_ticket'));
        if (stored) return stored;
        if (Date.now() > deadline) throw new Error('another instance is fetching the jsapi_ticket and has not finished');
        await sleep(WAIT_STEP_MS);
      }
      try {
        return (await this.store.get(this.key('jsapi_ticket'))) ?? (await this.fetchTicket());
      } finally {
        await this.store.unlock(this.key('lock'), lock);
      }
    } catch (error) {
      throw unavailable('wechat.unavailable', error);
    }
  }

  private async fetchTicket(): Promise<string> {
    try {
      return await this.fetchTicketWith(await this.accessToken());
    } catch (error) {
      if (!(error instanceof WechatApiError && STALE_TOKEN_CODES.has(error.errcode))) throw error;
      await this.store.delete(this.key('access_token'));
      return this.fetchTicketWith(await this.accessToken());
    }
  }

  private async fetchTicketWith(accessToken: string): Promise<string> {
    const answer = await this.call(`/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(accessToken)}&type=jsapi`);
    const ticket = requireString(answer, 'ticket');
    await this.store.set(this.key('jsapi_ticket'), ticket, lifetime(answer));
    return ticket;
  }

  private async accessToken(): Promise<string> {
    const cached = await this.store.get(this.key('access_token'));
    if (cached) return cached;
    const { appId, appSecret } = this.account;
    const answer = await this.call(`/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`);
    const token = requireString(answer, 'access_token');
    await this.store.set(this.key('access_token'), token, lifetime(answer));
    return token;
  }

  private async call(pathAndQuery: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.account.apiBase}${pathAndQuery}`, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (!response.ok) throw new Error(`WeChat API answered HTTP ${response.status}`);
    const answer = (await response.json()) as Record<string, unknown>;
    const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(errcode, String(answer.errmsg ?? ''));
    return answer;
  }
}

function requireString(answer: Record<string, unknown>, field: string): string {
  const value = answer[field];
  if (typeof value !== 'string' || value === '') throw new Error(`WeChat API answer has no ${field}`);
  return value;
}

function lifetime(answer: Record<string, unknown>): number {
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 7200;
  return Math.max(60, expiresIn - EXPIRY_MARGIN_SECONDS);
}
