import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { PeriodicJob } from '../lib/periodic-job.js';
import { BAIDU_BATCH_SIZE, pushToBaidu } from './baidu-push.js';
import { INDEXNOW_BATCH_SIZE, pushToIndexNow } from './indexnow-push.js';
import { type ClaimedPush, claimDuePushes, deferEngine, pruneDonePushes, recordPushResult } from './push-queue.js';
import type { BatchAnswer, PushResult } from './push-result.js';
import { configuredEngines, getSearchPushSettings, type PushEngine, type SearchPushSettings } from './push-settings.js';

/** How often each instance looks for due pushes: a push a few seconds after publishing is soon enough for a crawler. */
export const PUSH_INTERVAL_MS = 5_000;
const TIMEOUT_MS = 15_000;
/** A claimed row comes due again after this if the instance sending it died. */
const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;
/** About a day and a half of retries, doubling from a minute, before giving up. */
const MAX_ATTEMPTS = 12;
const HOUR_MS = 3_600_000;
/** Done pushes are kept this long, for the admin's list and for asking why a page is not in Baidu. */
export const PUSHES_KEPT_MS = 90 * 24 * HOUR_MS;

export interface PushWorkerDeps {
  db: Db;
  clock: Clock;
  log: { warn(object: object, message: string, ...args: unknown[]): void };
  /** PUBLIC_URL; without it the origin is taken from the Baidu site setting. */
  publicUrl: string | undefined;
  /** The public path of an article, e.g. /a/12. */
  articlePath: (articleId: number) => string;
}

export interface PushWorkerOptions {
  batchSizes?: Partial<Record<PushEngine, number>>;
}

/**
 * Sends the queued pushes (see queueArticlePush), every PUSH_INTERVAL_MS in
 * each instance, batched per engine. Network errors, 5xx and 429 are retried
 * with exponential back-off; other 4xx fail at once with the engine's
 * message, since the same request would get the same answer. When Baidu's
 * day quota is used up, its rows wait for the next day, Beijing time.
 */
export class SearchPushWorker extends PeriodicJob<number> {
  private lastPrunedAt = 0;

  constructor(
    private readonly deps: PushWorkerDeps,
    private readonly options: PushWorkerOptions = {},
  ) {
    super({ intervalMs: PUSH_INTERVAL_MS, onError: (error) => deps.log.warn({ err: error }, 'search engine pushes not sent: %s', error.message) });
  }

  /** Sends every due push, batched per engine. Returns how many rows were sent or answered. */
  protected async runOnce(): Promise<number> {
    await this.prune();
    const settings = await getSearchPushSettings(this.deps.db);
    const origin = siteOrigin(this.deps.publicUrl, settings);
    if (!origin) return 0;
    let handled = 0;
    for (const engine of configuredEngines(settings)) {
      for (;;) {
        const now = this.deps.clock();
        const batch = await claimDuePushes(this.deps.db, engine, now, this.options.batchSizes?.[engine] ?? BATCH_SIZES[engine], new Date(now.getTime() + LEASE_MS));
        if (batch.length === 0) break;
        const urls = batch.map((push) => new URL(this.deps.articlePath(push.articleId), origin).href);
        const answer = engine === 'baidu' ? await pushToBaidu(settings, urls, TIMEOUT_MS) : await pushToIndexNow(settings, origin, urls, TIMEOUT_MS);
        await this.record(batch, urls, answer);
        handled += batch.length;
        if (answer.quotaExhausted) {
          await deferEngine(this.deps.db, engine, nextChinaMidnight(this.deps.clock()));
          break;
        }
        if (answer.result.outcome === 'retry') break;
      }
    }
    return handled;
  }

  private async prune(): Promise<void> {
    const now = this.deps.clock().getTime();
    if (now - this.lastPrunedAt < HOUR_MS) return;
    this.lastPrunedAt = now;
    await pruneDonePushes(this.deps.db, new Date(now - PUSHES_KEPT_MS));
  }

  private async record(batch: ClaimedPush[], urls: string[], answer: BatchAnswer): Promise<void> {
    const now = this.deps.clock();
    const groups = new Map<string, { result: PushResult; ids: number[]; retryAt?: Date }>();
    batch.forEach((push, index) => {
      let result = answer.byUrl?.get(urls[index]!) ?? answer.result;
      let retryAt: Date | undefined;
      if (result.code === 'over_quota') retryAt = nextChinaMidnight(now);
      else if (result.outcome === 'retry' && push.attempts >= MAX_ATTEMPTS) result = { ...result, outcome: 'failed', code: 'gave_up' };
      else if (result.outcome === 'retry') retryAt = new Date(now.getTime() + backOff(push.attempts));
      const key = `${JSON.stringify(result)}@${retryAt?.getTime() ?? ''}`;
      const group = groups.get(key) ?? { result, ids: [], retryAt };
      group.ids.push(push.id);
      groups.set(key, group);
    });
    if (answer.result.outcome !== 'sent') this.deps.log.warn({ result: answer.result }, 'search engine push not accepted: %s', answer.result.code);
    for (const group of groups.values()) await recordPushResult(this.deps.db, group.ids, group.result, now, group.retryAt);
  }
}

const BATCH_SIZES: Record<PushEngine, number> = { baidu: BAIDU_BATCH_SIZE, indexnow: INDEXNOW_BATCH_SIZE };

/** 1, 2, 4 … minutes after the first, second, third failed attempt, at most 6 hours. */
export function backOff(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

/** Baidu's quota is per day in Beijing time, which has no daylight saving: midnight is 16:00 UTC. */
export function nextChinaMidnight(now: Date): Date {
  const offset = 8 * HOUR_MS;
  const day = 24 * HOUR_MS;
  return new Date((Math.floor((now.getTime() + offset) / day) + 1) * day - offset);
}

/** The origin the pushed URLs start with: PUBLIC_URL, or the site verified in Baidu's platform. */
function siteOrigin(publicUrl: string | undefined, settings: SearchPushSettings): string | undefined {
  if (publicUrl) return publicUrl;
  if (!settings.baiduSite) return undefined;
  try {
    return new URL(/^https?:\/\//.test(settings.baiduSite) ? settings.baiduSite : `https://${settings.baiduSite}`).origin;
  } catch {
    return undefined;
  }
}
