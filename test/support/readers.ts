// Signed-in readers for end-to-end tests and benchmarks, through the real SMS sign-in:
// the console SMS provider writes every code to DATA_DIR/sms-outbox.jsonl.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A browser as the read counter sees it: scripts and crawlers are not counted. */
export const BROWSER_AGENT = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile MicroMessenger/8.0.49';

export interface SignedInReader {
  phone: string;
  /** The client address it signed in from, sent as X-Forwarded-For. */
  address: string;
  /** `bendi_reader=…`, ready for a Cookie header. */
  cookie: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
let serial = 0;

/**
 * Signs in `count` new readers on a running portal whose DATA_DIR is `dataDir`.
 * Each has its own phone number and client address, so no SMS rate limit
 * (one code a minute per number, twenty an hour per address) is reached; the
 * portal must trust us for X-Forwarded-For: start it with TRUST_PROXY=127.0.0.1.
 * Throws with the status and body of the first refused request.
 */
export async function signInReaders(origin: string, dataDir: string, count: number, concurrency = 16): Promise<SignedInReader[]> {
  const fresh = Array.from({ length: count }, () => {
    const n = ++serial;
    const phone = `15${String(process.pid % 100_000).padStart(5, '0')}${String(n % 10_000).padStart(4, '0')}`;
    return { phone, address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
  });
  await eachConcurrently(fresh, concurrency, ({ phone, address }) => post(origin, '/api/auth/sms-code', address, { phone }, 202));
  const codes = await lastCodes(path.join(dataDir, 'sms-outbox.jsonl'));
  return eachConcurrently(fresh, concurrency, async ({ phone, address }) => {
    const code = codes.get(phone);
    if (!code) throw new Error(`no SMS code was written for ${phone}`);
    const response = await post(origin, '/api/auth/sign-in', address, { phone, code }, 200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bendi_reader='));
    if (!cookie) throw new Error(`sign-in of ${phone} set no reader cookie`);
    return { phone, address, cookie: cookie.split(';')[0]! };
  });
}

/** The newest code sent to each number. */
async function lastCodes(outboxFile: string): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const line of (await readFile(outboxFile, 'utf8')).split('\n')) {
    if (!line) continue;
    const { phone, code } = JSON.parse(line) as { phone: string; code: string };
    codes.set(phone, code);
  }
  return codes;
}

async function post(origin: string, url: string, address: string, body: object, expected: number): Promise<Response> {
  const response = await fetch(origin + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER_AGENT, 'x-forwarded-for': address },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.status !== expected) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** `work` on every item, at most `limit` at a time; results in the items' order. */
async function eachConcurrently<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The code the console SMS provider wrote for `phone` on a portal whose DATA_DIR is `dataDir`, waiting for its line to appear. */
export async function waitForSmsCode(dataDir: string, phone: string): Promise<string> {
  const outbox = path.join(dataDir, 'sms-outbox.jsonl');
  for (let tries = 0; tries < 100; tries++) {
    if (existsSync(outbox)) {
      const code = (await lastCodes(outbox)).get(phone);
      if (code) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS code for ${phone} in ${outbox}`);
}
