import { Redis } from 'ioredis';

/** How long a command may take before it fails: a page waits no longer for Redis than this, then does without it. */
const COMMAND_TIMEOUT_MS = 1_000;
/**
 * How long the connection may stay silent while commands wait for answers
 * before it is dropped and made anew (ioredis's socketTimeout): a relay, NAT or
 * load balancer that keeps a connection open after Redis's side of it died
 * would otherwise leave every command timing out for good, while a new
 * connection would reach Redis at once. Three command timeouts, so a Redis
 * that is merely slow for a moment keeps its connection.
 */
const SILENT_CONNECTION_MS = 3 * COMMAND_TIMEOUT_MS;
/** When an idle connection is first probed (TCP keepalive), so one a NAT or a dead host dropped is found before a page needs it. */
const KEEPALIVE_MS = 10_000;

/**
 * Connects to the Redis every instance shares, or rejects with a message
 * that says what is wrong (the URL's password is never part of it). After
 * the start a lost connection is retried in the background, and so is one
 * that answers nothing for SILENT_CONNECTION_MS; meanwhile commands fail at
 * once instead of queueing, so callers can fall back.
 */
export async function connectRedis(url: string, options: { keyPrefix?: string } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    // Tests keep their keys apart with one; instances of one portal share the default.
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    socketTimeout: SILENT_CONNECTION_MS,
    keepAlive: KEEPALIVE_MS,
    // Commands issued in the same tick (one GET per page request under load) go out in one write.
    enableAutoPipelining: true,
  });
  let lastError: Error | undefined;
  const remember = (error: Error) => (lastError = error);
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const { host, port } = new URL(url);
    const reason = (lastError ?? (error as Error)).message;
    throw new Error(`cannot reach Redis at ${host || '127.0.0.1'}${port ? '' : ':6379'} (REDIS_URL): ${reason}`);
  } finally {
    redis.off('error', remember);
  }
  return redis;
}
