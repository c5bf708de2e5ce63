import path from 'node:path';
import { isIP } from 'node:net';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

/** Where uploaded media lives: a folder in DATA_DIR, or an S3-compatible bucket (阿里云 OSS, 腾讯云 COS, MinIO, Amazon S3). */
export type MediaStorageConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      /** Absent for Amazon S3 itself, where the SDK derives it from the region. */
      endpoint: string | undefined;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** A CDN or the bucket's own public address that pages link to; without it bendi serves /media/ from the bucket. */
      publicUrl: string | undefined;
      /** bucket in the path (MinIO, most self-hosted servers) rather than in the host name. */
      forcePathStyle: boolean;
    };

/** A WeChat 公众号 whose JS-SDK configures share cards on article pages. */
export interface WechatConfig {
  readonly appId: string;
  readonly appSecret: string;
  /** https://api.weixin.qq.com unless WECHAT_API_BASE names a stand-in (tests) or a forward proxy. */
  readonly apiBase: string;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly mediaStorage: MediaStorageConfig;
  /** Create the demo portal on the first start (BENDI_DEMO=0 skips it). */
  readonly demo: boolean;
  /** Peers whose X-Forwarded-For is believed: addresses or CIDRs. */
  readonly trustProxy: readonly string[];
  /** Canonical origin for share links and QR codes, e.g. https://news.example; derived from the request when absent. */
  readonly publicUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a reader's page is reused; 0 renders every request. */
  readonly pageCacheSeconds: number;
  /** How many pages one instance keeps at most (the oldest goes first); 0 keeps none but still keeps the site-wide data pages are built from. */
  readonly pageCachePages: number;
  /** Redis shared by every instance (page-cache invalidation); absent on a single instance, which keeps all of that in process. */
  readonly redisUrl: string | undefined;
  /** WECHAT_APP_ID and WECHAT_APP_SECRET turn on WeChat share cards; absent without them. */
  readonly wechat: WechatConfig | undefined;
  /** NODE_ENV=production: development conveniences (the console SMS provider) are warned about at start. */
  readonly production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the environment once. Throws ConfigError listing every problem, each
 * saying which variable is wrong and why, so an operator can fix all at once.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const port = parsePort(env.PORT ?? '3000', problems);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const database = parseDatabase(env.DATABASE_URL, dataDir, problems);
  const mediaStorage = parseMediaStorage(env, dataDir, problems);
  const demo = parseFlag('BENDI_DEMO', env.BENDI_DEMO ?? '1', problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY ?? '', problems);
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, problems);
  const pageCacheSeconds = parseWholeNumber('PAGE_CACHE_SECONDS', env.PAGE_CACHE_SECONDS ?? '30', 3600, problems);
  const pageCachePages = parseWholeNumber('PAGE_CACHE_PAGES', env.PAGE_CACHE_PAGES ?? '2000', 100_000, problems);
  const redisUrl = parseRedisUrl(env.REDIS_URL, problems);
  const wechat = parseWechat(env, problems);
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" is not one of ${LOG_LEVELS.join(', ')}`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    host: env.HOST || '0.0.0.0',
    port,
    dataDir,
    database,
    mediaStorage: Object.freeze(mediaStorage),
    demo,
    trustProxy: Object.freeze(trustProxy),
    publicUrl,
    logLevel,
    pageCacheSeconds,
    pageCachePages,
    redisUrl,
    wechat,
    production: env.NODE_ENV === 'production',
  });
}

/** Both or neither: an app id without its secret (or the reverse) is a half-done setup worth stopping for. */
function parseWechat(env: Env, problems: string[]): WechatConfig | undefined {
  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  const apiBase = parseHttpUrl('WECHAT_API_BASE', env.WECHAT_API_BASE, 'URL such as https://api.weixin.qq.com', problems);
  if (!appId && !appSecret) {
    if (apiBase) problems.push('WECHAT_API_BASE is set but WECHAT_APP_ID is not: set WECHAT_APP_ID and WECHAT_APP_SECRET, or remove WECHAT_API_BASE');
    return undefined;
  }
  if (!/^wx[0-9a-zA-Z]{16}$/.test(appId)) problems.push(`WECHAT_APP_ID="${appId}" must be the 公众号's AppID: wx followed by 16 letters or digits`);
  if (!appSecret) problems.push('WECHAT_APP_SECRET is required with WECHAT_APP_ID (the 公众号\'s AppSecret)');
  // Without the trailing slash URL.href adds, so paths are appended as written.
  return Object.freeze({ appId, appSecret, apiBase: (apiBase ?? 'https://api.weixin.qq.com').replace(/\/$/, '') });
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    problems.push(`PORT="${raw}" must be a whole number from 1 to 65535`);
  }
  return port;
}

function parseWholeNumber(name: string, raw: string, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) problems.push(`${name}="${raw}" must be a whole number from 0 to ${max}`);
  return value;
}

function parseDatabase(raw: string | undefined, dataDir: string, problems: string[]): DatabaseConfig {
  if (!raw) return { kind: 'sqlite', file: path.join(dataDir, 'bendi.sqlite') };
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
      return { kind: 'postgres', url: raw };
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
  } else if (raw.startsWith('sqlite:')) {
    return { kind: 'sqlite', file: path.resolve(raw.slice('sqlite:'.length)) };
  } else {
    problems.push('DATABASE_URL must start with postgres:// or sqlite: (leave it unset for the embedded database in DATA_DIR)');
  }
  return { kind: 'sqlite', file: '' };
}

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL', 'S3_FORCE_PATH_STYLE'] as const;

/** S3_BUCKET turns object storage on; the other S3_ variables without it are a mistake worth stopping for. */
function parseMediaStorage(env: Env, dataDir: string, problems: string[]): MediaStorageConfig {
  const bucket = env.S3_BUCKET;
  if (!bucket) {
    for (const name of S3_VARIABLES.filter((n) => env[n])) {
      problems.push(`${name} is set but S3_BUCKET is not: set S3_BUCKET to keep media in object storage, or remove ${name}`);
    }
    return { kind: 'local', root: path.join(dataDir, 'media') };
  }
  // The rules every S3-compatible service shares (OSS and COS are stricter, never looser).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(`S3_BUCKET="${bucket}" must be 3 to 63 lowercase letters, digits, '.' or '-'`);
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ?? '';
  if (!accessKeyId) problems.push('S3_ACCESS_KEY_ID is required with S3_BUCKET');
  if (!secretAccessKey) problems.push('S3_SECRET_ACCESS_KEY is required with S3_BUCKET');
  const endpoint = parseHttpUrl('S3_ENDPOINT', env.S3_ENDPOINT, 'URL such as https://oss-cn-hangzhou.aliyuncs.com', problems);
  const publicUrl = parseHttpUrl('S3_PUBLIC_URL', env.S3_PUBLIC_URL, 'URL such as https://img.news.example/media', problems);
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // A trailing slash would double up when keys are appended.
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    forcePathStyle: parseFlag('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE ?? '0', problems),
  };
}

/** `what` completes "must be an http:// or https:// …", e.g. 'origin such as https://news.example'. */
function parseHttpUrl(name: string, raw: string | undefined, what: string, problems: string[]): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.href;
  } catch {
    problems.push(`${name}="${raw}" must be an http:// or https:// ${what}`);
    return undefined;
  }
}

function parseRedisUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  if (/^rediss?:\/\//.test(raw) && URL.canParse(raw)) return raw;
  problems.push('REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (leave it unset on a single instance)');
  return undefined;
}

function parseFlag(name: string, raw: string, problems: string[]): boolean {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}="${raw}" must be 1 or 0`);
  return false;
}

function parseTrustProxy(raw: string, problems: string[]): string[] {
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) {
      problems.push(`TRUST_PROXY entry "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
    }
  }
  return entries;
}

function parsePublicUrl(raw: string | undefined, problems: string[]): string | undefined {
  const url = parseHttpUrl('PUBLIC_URL', raw, 'origin such as https://news.example', problems);
  return url && new URL(url).origin;
}
