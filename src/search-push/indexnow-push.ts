import { type BatchAnswer, answerWithoutVerdict, post } from './push-result.js';
import { INDEXNOW_ENDPOINT, type SearchPushSettings } from './push-settings.js';

/** The IndexNow protocol takes up to 10,000 URLs per request. */
export const INDEXNOW_BATCH_SIZE = 10_000;

/** Where the site proves it owns the key: a text file holding just the key, at the root. */
export const indexNowKeyPath = (key: string) => `/${key}.txt`;

/**
 * One request to IndexNow (indexnow.org/documentation): POST JSON
 * {host, key, keyLocation, urlList}. 200 and 202 mean received; 403 a key
 * that does not match the key file, 422 URLs of another host, 429 too many
 * requests.
 */
export async function pushToIndexNow(settings: SearchPushSettings, origin: string, urls: string[], timeoutMs: number): Promise<BatchAnswer> {
  const body = JSON.stringify({ host: new URL(origin).host, key: settings.indexNowKey, keyLocation: new URL(indexNowKeyPath(settings.indexNowKey), origin).href, urlList: urls });
  const { status, text } = await post(settings.indexNowEndpoint || INDEXNOW_ENDPOINT, 'application/json; charset=utf-8', body, timeoutMs);
  const message = status === undefined ? text : text.slice(0, 200) || undefined;
  if (status === 200 || status === 202) return { result: { outcome: 'sent', code: 'accepted', httpStatus: status } };
  if (status === 403) return { result: { outcome: 'failed', code: 'bad_token', httpStatus: status, message } };
  if (status === 422) return { result: { outcome: 'failed', code: 'not_same_site', httpStatus: status, message } };
  return answerWithoutVerdict(status, message);
}
