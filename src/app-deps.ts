import type { Db } from './db/database.js';
import type { Clock } from './lib/clock.js';
import type { MediaStorage } from './media/index.js';

/** What the application is built from; tests pass their own database, storage and clock. */
export interface AppDeps {
  db: Db;
  storage: MediaStorage;
  clock: Clock;
}
