import path from 'node:path';
import { isIP } from 'node:net';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Create the demo portal on the first start (BENDI_DEMO=0 skips it). */
  readonly demo: boolean;
  /** Peers whose X-Forwarded-For is believed: addresses or CIDRs. */
  readonly trustProxy: readonly string[];
  /** Canonical origin for share links and QR codes, e.g. https://news.example; derived from the request when absent. */
  readonly publicUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a reader's page is reused; 0 renders every request. */
  readonly pageCacheSeconds: number;
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
  const demo = parseFlag('BENDI_DEMO', env.BENDI_DEMO ?? '1', problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY ?? '', problems);
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, problems);
  const pageCacheSeconds = parseWholeNumber('PAGE_CACHE_SECONDS', env.PAGE_CACHE_SECONDS ?? '30', 3600, problems);
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
    demo,
    trustProxy: Object.freeze(trustProxy),
    publicUrl,
    logLevel,
    pageCacheSeconds,
  });
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
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.origin;
  } catch {
    problems.push(`PUBLIC_URL="${raw}" must be an http:// or https:// origin such as https://news.example`);
    return undefined;
  }
}
