/**
 * How one push of a URL went, as stored with it and shown in the admin:
 * `code` names the case (the admin says it in Chinese), `message` is the
 * engine's own words when it gave any.
 */
export interface PushResult {
  outcome: 'sent' | 'failed' | 'retry';
  code: PushResultCode;
  /** The HTTP status, when an answer came. */
  httpStatus?: number;
  message?: string;
  /** Baidu: URLs it will still take today. */
  remain?: number;
}

export type PushResultCode =
  | 'accepted'
  /** Baidu 401 / IndexNow 403: the token or key is wrong; nothing will pass until staff fix it. */
  | 'bad_token'
  /** Baidu's not_same_site / IndexNow 422: the URL is not on the site the token or key belongs to. */
  | 'not_same_site'
  | 'not_valid'
  /** Any other 4xx: sending the same again would get the same answer. */
  | 'rejected'
  /** Baidu's daily quota is used up: kept until tomorrow, Beijing time. */
  | 'over_quota'
  | 'too_many_requests'
  | 'server_error'
  | 'network_error'
  | 'gave_up';

/** The answer to one batch: one result for all its URLs, and some URLs' own where the engine named them. */
export interface BatchAnswer {
  result: PushResult;
  byUrl?: Map<string, PushResult>;
  /** The engine takes no more today. */
  quotaExhausted?: boolean;
}

/** What no answer, or an answer that says nothing about the URLs themselves, means. */
export function answerWithoutVerdict(httpStatus: number | undefined, message: string | undefined): BatchAnswer {
  if (httpStatus === undefined) return { result: { outcome: 'retry', code: 'network_error', message } };
  if (httpStatus >= 500) return { result: { outcome: 'retry', code: 'server_error', httpStatus, message } };
  if (httpStatus === 429) return { result: { outcome: 'retry', code: 'too_many_requests', httpStatus, message } };
  return { result: { outcome: 'failed', code: 'rejected', httpStatus, message } };
}

/** POSTs and reads the answer as text; a network failure or timeout answers no status. */
export async function post(url: string, contentType: string, body: string, timeoutMs: number): Promise<{ status?: number; text: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { text: error instanceof Error ? error.message : String(error) };
  }
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
