import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Where WeChat's access token and jsapi_ticket are kept until they expire.
 * WeChat limits how often they may be fetched, and a new access token
 * retires the old one within minutes, so instances sharing a 公众号 must
 * share them: in Redis when there is one, else in this process.
 */
export interface TicketStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * A token for the one caller that may fetch now, undefined for the others;
   * the lock lapses by itself after `ttlMs` should its holder die.
   */
  tryLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases the lock if `token` still holds it: one that lapsed may be another caller's by now. */
  unlock(key: string, token: string): Promise<void>;
}

export class MemoryTicketStore implements TicketStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.clock().getTime()) return undefined;
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.clock().getTime() + ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  // One process: WechatJsSdk already lets a single fetch run at a time.
  async tryLock(): Promise<string> {
    return 'this process';
  }

  async unlock(): Promise<void> {}
}

export class RedisTicketStore implements TicketStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomBytes(16).toString('hex');
    return (await this.redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : undefined;
  }

  async unlock(key: string, token: string): Promise<void> {
    // Compare and delete in one step: between a GET and a DEL the lock could lapse and be taken.
    await this.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0", 1, key, token);
  }
}
