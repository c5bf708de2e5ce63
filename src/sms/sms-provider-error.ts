import { AppError, type ErrorCode } from '../lib/errors.js';
import type { SmsSendFailure } from '../readers/index.js';

export type RemoteSmsProviderName = 'aliyun' | 'tencent';

/** Why a provider did not send, in terms a reader's message can be chosen by. */
export type SmsFailure = 'rate_limited' | 'phone_unreachable' | 'no_balance' | 'rejected' | 'timeout' | 'unavailable';

const CODE_BY_FAILURE: Record<SmsFailure, ErrorCode> = {
  rate_limited: 'sms.provider_rate_limited',
  phone_unreachable: 'sms.phone_unreachable',
  no_balance: 'sms.no_balance',
  rejected: 'sms.rejected',
  timeout: 'sms.timeout',
  unavailable: 'sms.unavailable',
};

/** Providers count their limits per hour and per day; an hour is the shortest wait that is likely to help. */
const PROVIDER_LIMIT_RETRY_SECONDS = 3600;

/**
 * A message the provider did not accept, or did not answer for in time. The
 * reader sees the Chinese message of `code`; the provider's own code and text
 * are for the operator's log only.
 */
export class SmsProviderError extends AppError implements SmsSendFailure {
  constructor(
    readonly failure: SmsFailure,
    readonly provider: RemoteSmsProviderName,
    readonly providerCode: string,
    readonly providerMessage: string,
  ) {
    const kind = failure === 'rate_limited' ? 'RateLimited' : failure === 'phone_unreachable' ? 'Invalid' : 'Unavailable';
    super(kind, CODE_BY_FAILURE[failure], failure === 'rate_limited' ? { retryAfterSeconds: PROVIDER_LIMIT_RETRY_SECONDS } : undefined);
  }

  /** A time-out may still deliver the message; every other failure certainly did not. */
  get mayHaveBeenSent(): boolean {
    return this.failure === 'timeout';
  }

  /** One line for the operator's log, without the reader's number or any key. */
  get forLog(): { provider: RemoteSmsProviderName; providerCode: string; providerMessage: string } {
    return { provider: this.provider, providerCode: this.providerCode, providerMessage: this.providerMessage };
  }
}

/**
 * POSTs to a provider and reads its JSON answer, within `timeoutMs`. Throws
 * SmsProviderError 'timeout' when the provider is too slow, 'unavailable'
 * when it cannot be reached or answers with something other than JSON.
 */
export async function postToProvider(provider: RemoteSmsProviderName, url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new SmsProviderError(timedOut ? 'timeout' : 'unavailable', provider, timedOut ? 'timeout' : 'network', describe(error));
  }
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SmsProviderError('unavailable', provider, `HTTP ${response.status}`, text.slice(0, 200));
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
