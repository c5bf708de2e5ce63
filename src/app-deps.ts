import type { Redis } from 'ioredis';
import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { MediaStorage } from './media/index.js';
import type { LexiconService } from './moderation/index.js';
import type { SmsProvider } from './readers/index.js';

/** What the application is built from; tests pass their own database, storage, SMS outbox and clock. */
export interface AppDeps {
  db: Db;
  storage: MediaStorage;
  clock: Clock;
  sms: SmsProvider;
  lexicon: LexiconService;
  /** Shared by several instances (REDIS_URL); without it everything shared stays in this process. */
  redis?: Redis;
}
