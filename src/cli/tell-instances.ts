import type { Config } from '../config.js';
import { announceChange } from '../db/change-notices.js';
import { advanceSharedGeneration } from '../http/page-generation.js';

/**
 * After an import from the command line, what the serving instances keep (pages, and the lists they are
 * built from) is out of date. Instances sharing Redis read its generation before each kept page, so moving
 * it on reaches every one of them at its next request. A lone instance on SQLite notices the import's
 * commits itself, at its next request (see LocalGeneration). One on PostgreSQL listens for the change to be
 * announced (ChangeNotices) and answers once it knows; one that does not answer shows the import once what
 * it keeps expires. Says which, taking the instances to be configured as the command is (the same REDIS_URL
 * and database).
 */
export async function tellRunningInstances(config: Config): Promise<string> {
  const meanwhile = `within ${config.pageCacheSeconds} s (PAGE_CACHE_SECONDS), as the pages it keeps expire`;
  if (!config.redisUrl) {
    return config.database.kind === 'sqlite'
      ? 'a running bendi on this database shows what was imported from its next request'
      : tellListeningInstances(config.database.url, meanwhile);
  }
  const { connectRedis } = await import('../lib/redis.js');
  try {
    const redis = await connectRedis(config.redisUrl);
    try {
      await advanceSharedGeneration(redis);
    } finally {
      redis.disconnect();
    }
    return 'the running instances were told: they show what was imported from their next request';
  } catch (error) {
    return `the running instances could not be told (${(error as Error).message}): they show what was imported ${meanwhile}`;
  }
}

async function tellListeningInstances(url: string, meanwhile: string): Promise<string> {
  try {
    const { listening, answered } = await announceChange(url);
    if (listening === 0) return `no running bendi listens on this database: one that runs shows what was imported ${meanwhile}`;
    if (answered >= listening) {
      return listening === 1
        ? 'the running bendi on this database was told: it shows what was imported from its next request'
        : `the ${listening} running bendi instances on this database were told: they show what was imported from their next request`;
    }
    return `${answered} of ${listening} running bendi instances on this database answered: the others show what was imported ${meanwhile}`;
  } catch (error) {
    return `the running bendi could not be told (${(error as Error).message}): it shows what was imported ${meanwhile}`;
  }
}
