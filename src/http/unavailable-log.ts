import type { FastifyBaseLogger } from 'fastify';
import type { AppError, ErrorCode } from '../lib/errors.js';

/** At most one line per code this often: a minute without Redis under load answers thousands of 503s, all for the same known reason. */
const INTERVAL_MS = 10_000;

interface Window {
  /** When the last line for the code was written. */
  loggedAt: number;
  /** Answers since then that no line has told of. */
  unlogged: number;
}

/**
 * Logs expected 503s: AppErrors of kind Unavailable, a service bendi depends
 * on (Redis, the media store) that cannot be reached. Their cause is known and
 * the same for every request while it lasts, so each is logged at warn with
 * the cause's message and no stack, and per code at most one line per
 * interval: the first answer at once, then the next answer after the interval,
 * with how many were answered since the last line (`answered`, that one
 * included; `since`, when the last line was written). Answers after a line
 * are told of by the next one, whenever that comes; no timer waits for them.
 */
export class UnavailableLog {
  private readonly windows = new Map<ErrorCode, Window>();

  constructor(
    private readonly intervalMs = INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** `log` is the request's, which names the request that wrote the line. */
  note(log: FastifyBaseLogger, error: AppError): void {
    const now = this.now();
    const window = this.windows.get(error.code);
    if (window && now - window.loggedAt < this.intervalMs) {
      window.unlogged += 1;
      return;
    }
    this.windows.set(error.code, { loggedAt: now, unlogged: 0 });
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? '');
    const since = window ? { since: new Date(window.loggedAt).toISOString() } : {};
    log.warn({ code: error.code, cause, answered: (window?.unlogged ?? 0) + 1, ...since }, 'answered 503 %s: %s', error.code, cause);
  }
}
