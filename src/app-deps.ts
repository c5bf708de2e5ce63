import type { Redis } from 'ioredis';
import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { FetchPage } from './import/index.js';
import type { FetchImage, MediaStorage } from './media/index.js';
import type { LexiconService } from './moderation/index.js';
import type { SmsProvider } from './readers/index.js';

/** What the application is built from; tests pass their own database, storage, SMS outbox and clock. */
export interface AppDeps {
  db: Db;
  storage: MediaStorage;
  clock: Clock;
  sms: SmsProvider;
  lexicon: LexiconService;
  /** Downloads other sites' images for pasted articles; omitted, the address-guarded fetcher with its default limits. */
  fetchImage?: FetchImage;
  /** Fetches the pages editors reprint from a link; omitted, the address-guarded fetcher with its default limits. */
  fetchPage?: FetchPage;
  /** Shared by several instances (REDIS_URL); without it everything shared stays in this process. */
  redis?: Redis;
}
