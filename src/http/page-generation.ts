import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * Which version of the site's content cached pages belong to. Every content
 * change moves it on; a page cache holds pages of one generation only.
 */
export interface PageGeneration {
  /** The generation now; rejects when it cannot be known, and then the cache must be passed by. */
  current(): Promise<string>;
  /** The generation now, where this process knows it without asking anyone (one instance on its own); throws where current() rejects. */
  currentNow?(): string;
  /**
   * Content changed: resolves once every instance that shares the generation
   * will see the new one; if they cannot be told now, they are told as soon
   * as they can be.
   */
  advance(): Promise<void>;
  /**
   * Content is about to change: moves the generation on now, or rejects when
   * the instances sharing it cannot be told, and then the change must not be
   * made, or they would go on serving what it replaces.
   */
  announce(): Promise<void>;
}

/**
 * One instance on its own: the generation is a number in this process, moved
 * on by its own changes, together with `otherProcessesChanges`, a reading that
 * moves on when another process changes the database (otherProcessesChanges
 * in app.ts). A command's import beside the instance then shows from the next
 * request, as a change the instance made does.
 */
export class LocalGeneration implements PageGeneration {
  private value = 0;

  constructor(private readonly otherProcessesChanges: () => number = () => 0) {}

  async current(): Promise<string> {
    return this.currentNow();
  }

  currentNow(): string {
    return `${this.value}:${this.otherProcessesChanges()}`;
  }

  async advance(): Promise<void> {
    this.value += 1;
  }

  announce(): Promise<void> {
    return this.advance();
  }
}

const KEY = 'bendi:page-generation';

/**
 * Moves on the generation that every instance sharing this Redis reads before each kept page: for a change
 * made outside any of them, by a command (an import), as much as for one an instance makes.
 */
export async function advanceSharedGeneration(redis: Redis): Promise<void> {
  await redis.incr(KEY);
}
/** How often an instance that could not announce a change tries again, should its connection never drop and come back. */
const RETRY_OWED_MS = 5_000;
/** How long after a failed lookup no page waits on Redis; meanwhile one lookup in the background asks again, at most once this often. */
const BACKOFF_MS = 1_000;

/**
 * Several instances: the generation is a counter in Redis, moved on with INCR
 * and read with one GET before each cached page is served.
 *
 * Why a GET per request and not pub/sub: a message published on a change
 * reaches the other instances some time later, and a reader who saw the
 * editor's "withdrawn" and reloads on another instance may get there first;
 * the promise is that no instance serves a page older than the last change,
 * at the next request, not "soon". A GET that follows the INCR always sees it.
 * It costs a loopback round trip per page, and concurrent requests share GETs
 * (see current()); with the GET in place, pub/sub would add nothing but a
 * second path to keep right.
 *
 * When Redis is lost, current() rejects and pages are rendered from the
 * database until it is back. Staff changes announce themselves before they
 * are made (announce()), so they are refused while this instance cannot reach
 * Redis: otherwise the others would serve the withdrawn article for as long as
 * they keep pages. A change made meanwhile all the same (a reader's comment)
 * is announced once the connection returns, or, on a connection that hangs
 * without dropping, at the next retry; and each instance drops what it held
 * when it reconnects, since it cannot know what it missed (nor whether Redis
 * restarted and counted from 0 again).
 *
 * A Redis that stalls, its connection up and nothing answered, costs a lookup
 * the whole command timeout (1 s), and every request makes one (generationOf).
 * So once a lookup has failed, current() rejects at once,
 * without asking, until Redis answers again (see refuse()): a page waits on a
 * stalled Redis at most once, for the lookup that finds it stalled. A rejection
 * only makes the page cache be passed by, and a page rendered from the database
 * is never stale, so refusing without asking keeps the promise above.
 */
export class RedisGeneration implements PageGeneration {
  private owed = false;
  /** Counts this instance's connections to Redis, so a generation read before an outage never equals one read after. */
  private connections: number;

  private retry: NodeJS.Timeout | undefined;
  private readonly retryOwedMs: number;
  private readonly backoffMs: number;

  /** The GET on its way to Redis, and the one to follow it for callers that came after it was sent. */
  private sent: Promise<string> | undefined;
  private queued: Promise<string> | undefined;
  /** The last lookup's error and when it failed, while Redis has not answered since. */
  private failure: { error: unknown; at: number } | undefined;
  private probing = false;

  constructor(
    private readonly redis: Redis,
    private readonly log: FastifyBaseLogger,
    options: { retryOwedMs?: number; backoffMs?: number } = {},
  ) {
    this.retryOwedMs = options.retryOwedMs ?? RETRY_OWED_MS;
    this.backoffMs = options.backoffMs ?? BACKOFF_MS;
    redis.on('error', (error: Error) => log.warn({ err: error }, 'Redis: %s', error.message));
    redis.on('ready', () => {
      this.connections += 1;
      // A new connection has answered its handshake: lookups may wait on Redis again.
      this.failure = undefined;
      if (this.owed) void this.advance();
    });
    this.connections = redis.status === 'ready' ? 1 : 0;
  }

  /**
   * Concurrent callers share GETs: a GET answers for every caller that came
   * before it was sent, never for one that came after (that one may have
   * seen a change answered in between, so it waits for the next GET). Under
   * load this makes one GET per round trip, not one per request. A GET that
   * fails fails the callers waiting for the next one too, instead of sending
   * them into the same trouble, and so is every call until Redis answers again.
   *
   * While this instance owes a change (advance() could not INCR), it answers no generation, though a GET
   * would: the counter has not moved, so a page begun before the change and finished after it would be
   * kept as current, and served until the change is announced.
   */
  current(): Promise<string> {
    if (this.owed) return Promise.reject(new Error('a content change is not announced yet'));
    if (this.failure) return this.refuse(this.failure);
    if (!this.sent) {
      this.sent = this.read().finally(() => (this.sent = undefined));
      return this.sent;
    }
    this.queued ??= this.sent.then(
      () => {
        this.queued = undefined;
        return this.current();
      },
      (error: unknown) => {
        this.queued = undefined;
        throw error;
      },
    );
    return this.queued;
  }

  /**
   * Rejects with the last lookup's error, without asking; once the backoff has
   * passed, one GET in the background asks again, and its answer lets callers
   * wait on Redis again. A reconnect does too (see the constructor).
   */
  private refuse(failure: { error: unknown; at: number }): Promise<string> {
    if (!this.probing && Date.now() - failure.at >= this.backoffMs) {
      this.probing = true;
      void this.read()
        .catch(() => undefined)
        .finally(() => (this.probing = false));
    }
    return Promise.reject(failure.error);
  }

  private async read(): Promise<string> {
    try {
      const value = (await this.redis.get(KEY)) ?? '0';
      this.failure = undefined;
      return `${this.connections}:${value}`;
    } catch (error) {
      this.failure = { error, at: Date.now() };
      throw error;
    }
  }

  async advance(): Promise<void> {
    try {
      await this.announce();
    } catch (error) {
      this.owed = true;
      // A timer that keeps no process alive: a stopping instance has nobody left to tell.
      this.retry ??= setInterval(() => void this.advance(), this.retryOwedMs).unref();
      this.log.error({ err: error }, 'Redis: could not announce a content change; other instances learn of it when Redis is back');
    }
  }

  async announce(): Promise<void> {
    await advanceSharedGeneration(this.redis);
    this.owed = false;
    clearInterval(this.retry);
    this.retry = undefined;
  }
}
