import type { Config } from '../config.js';
import { advanceSharedGeneration } from '../http/page-generation.js';

/**
 * After an import from the command line, what the serving instances keep (pages, and the lists they are
 * built from) is out of date. Instances sharing Redis read its generation before each kept page, so moving
 * it on reaches every one of them at its next request. A lone instance on SQLite notices the import's
 * commits itself, at its next request (see LocalGeneration); one on PostgreSQL keeps its generation in its
 * own process, where no command reaches, and shows the import once what it keeps expires. Says which,
 * taking the instances to be configured as the command is (the same REDIS_URL and database).
 */
export async function tellRunningInstances(config: Config): Promise<string> {
  const meanwhile = `within ${config.pageCacheSeconds} s (PAGE_CACHE_SECONDS), as the pages it keeps expire`;
  if (!config.redisUrl) {
    return config.database.kind === 'sqlite'
      ? 'a running bendi on this database shows what was imported from its next request'
      : `a running bendi shows what was imported ${meanwhile}`;
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
