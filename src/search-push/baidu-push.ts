import { type BatchAnswer, answerWithoutVerdict, parseJson, post, type PushResult } from './push-result.js';
import { BAIDU_PUSH_ENDPOINT, type SearchPushSettings } from './push-settings.js';

/** Baidu takes at most 2,000 URLs per request. */
export const BAIDU_BATCH_SIZE = 2_000;

/**
 * One request to Baidu's 普通收录 API (API提交), as 百度搜索资源平台 documents it:
 * POST /urls?site=<site>&token=<token>, Content-Type text/plain, one URL a
 * line. It answers 200 {"success":N,"remain":M,"not_same_site":[…],
 * "not_valid":[…]}, or an error status with {"error":401,"message":"token is
 * not valid"} (400 "over quota" once the day's quota is used up).
 */
export async function pushToBaidu(settings: SearchPushSettings, urls: string[], timeoutMs: number): Promise<BatchAnswer> {
  const endpoint = new URL(settings.baiduEndpoint || BAIDU_PUSH_ENDPOINT);
  endpoint.searchParams.set('site', settings.baiduSite);
  endpoint.searchParams.set('token', settings.baiduToken);
  const { status, text } = await post(endpoint.href, 'text/plain', urls.join('\n'), timeoutMs);
  const body = parseJson(text);
  const message = typeof body?.message === 'string' ? body.message : status === undefined ? text : undefined;
  if (status === 200 && body && typeof body.success === 'number') return acceptedAnswer(body, status);
  if (status === 401) return { result: { outcome: 'failed', code: 'bad_token', httpStatus: status, message } };
  if (status === 400 && message === 'over quota') return { result: { outcome: 'retry', code: 'over_quota', httpStatus: status, message }, quotaExhausted: true };
  return answerWithoutVerdict(status, message);
}

function acceptedAnswer(body: Record<string, unknown>, httpStatus: number): BatchAnswer {
  const remain = typeof body.remain === 'number' ? body.remain : undefined;
  const byUrl = new Map<string, PushResult>();
  for (const code of ['not_same_site', 'not_valid'] as const) {
    const listed = Array.isArray(body[code]) ? (body[code] as unknown[]) : [];
    for (const url of listed) if (typeof url === 'string') byUrl.set(url, { outcome: 'failed', code, httpStatus, remain });
  }
  return { result: { outcome: 'sent', code: 'accepted', httpStatus, remain }, byUrl, quotaExhausted: remain === 0 };
}
