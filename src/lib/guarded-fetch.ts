import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { AppError, type ErrorCode, invalid } from './errors.js';

/**
 * Addresses bendi never fetches from: this machine, private networks,
 * link-local ones (169.254.169.254 is where cloud servers keep their
 * credentials), and ranges reserved for documentation or multicast. A
 * WordPress export, a pasted article or a link to reprint is somebody else's
 * markup; an address in it must not make the server reach into its own
 * network (SSRF).
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) REFUSED.addSubnet(network, prefix, 'ipv4');
// BlockList checks an IPv4-mapped address (::ffff:10.0.0.1) against the IPv4 rules above; NAT64 addresses would
// reach those ranges by another spelling, so they are refused whole.
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) REFUSED.addSubnet(network, prefix, 'ipv6');

export const isRefusedAddress = (address: string): boolean => REFUSED.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

export interface GuardedFetchOptions {
  /** For the whole download, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /**
   * `host:port` pairs fetched even though they resolve to a refused address:
   * only tests name one, for the local server that plays a remote site.
   */
  allowedPrivateHosts: readonly string[];
}

/** What went wrong, in the words of the thing fetched: an image's messages say 图片, a reprinted page's 网页. */
export type FetchFailure = 'bad_url' | 'refused_address' | 'unreachable' | 'timeout' | 'too_large' | 'http_status' | 'too_many_redirects';
export type FetchErrorPrefix = 'media.fetch' | 'reprint.fetch';

export interface FetchRequest {
  accept: string;
  /** Error codes are `${errors}_${FetchFailure}`. */
  errors: FetchErrorPrefix;
}

export interface FetchedResource {
  body: Buffer;
  /** As the server declared it, lower-cased; empty when it did not. */
  contentType: string;
  /** After redirects: relative addresses in the body are relative to it. */
  url: string;
}

/**
 * Fetches from another site: http(s) only, every address checked after DNS
 * resolution (on each redirect too, and the connection made to the address
 * checked, so a name that resolves differently a second time cannot slip
 * through), at most `maxBytes`, within `timeoutMs`. Throws Invalid with the
 * request's error prefix; its details name the `host` (as `name:port` in the
 * URL) whose answer failed, which after a redirect is not the one asked first.
 */
export async function guardedFetch(url: string, options: GuardedFetchOptions, request: FetchRequest): Promise<FetchedResource> {
  let target: URL | undefined;
  const fail = (failure: FetchFailure, details?: Record<string, unknown>) =>
    invalid(`${request.errors}_${failure}` satisfies ErrorCode, target ? { ...details, host: target.host } : details);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    target = parseUrl(url, fail);
    for (let hop = 0; ; hop++) {
      const answer = await requestOnce(target, options, request.accept, fail, abort.signal);
      if ('body' in answer) return { ...answer, url: target.href };
      if (hop >= options.maxRedirects) throw fail('too_many_redirects');
      target = parseUrl(new URL(answer.location, target).href, fail);
    }
  } catch (error) {
    if (abort.signal.aborted) throw fail('timeout', { seconds: options.timeoutMs / 1000 });
    throw error instanceof AppError ? error : fail('unreachable');
  } finally {
    clearTimeout(timer);
  }
}

type Fail = (failure: FetchFailure, details?: Record<string, unknown>) => AppError;

function parseUrl(url: string, fail: Fail): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('bad_url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw fail('bad_url');
  return parsed;
}

/** The address to connect to: the first the name resolves to, once every one it resolves to is allowed. */
async function checkedAddress(url: URL, options: GuardedFetchOptions, fail: Fail): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) throw fail('unreachable');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const allowed = options.allowedPrivateHosts.includes(`${host}:${port}`);
  if (!allowed && addresses.some((a) => isRefusedAddress(a.address))) throw fail('refused_address');
  return addresses[0]!;
}

type Answer = { body: Buffer; contentType: string } | { location: string };

async function requestOnce(url: URL, options: GuardedFetchOptions, accept: string, fail: Fail, signal: AbortSignal): Promise<Answer> {
  const { address, family } = await checkedAddress(url, options, fail);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const request = client.get(
      url,
      {
        signal,
        headers: { accept, 'user-agent': 'bendi' },
        // Connect to the address just checked, never to a second resolution of the name.
        lookup: (_host, lookupOptions, callback) =>
          lookupOptions.all ? callback(null, [{ address, family }]) : callback(null, address, family),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          return resolve({ location: response.headers.location });
        }
        if (status !== 200) {
          response.resume();
          return reject(fail('http_status', { status }));
        }
        const tooLarge = () => fail('too_large', { maxMegabytes: Math.round((options.maxBytes / 1024 / 1024) * 10) / 10 });
        if (Number(response.headers['content-length'] ?? 0) > options.maxBytes) {
          response.destroy();
          return reject(tooLarge());
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType: (response.headers['content-type'] ?? '').toLowerCase() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}
