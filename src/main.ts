import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { isSiteEmpty, seedDemo } from './demo/seed-demo.js';
import { systemClock } from './lib/clock.js';
import { LocalDiskStorage } from './media/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`bendi: configuration error: ${problem}`);
    process.exit(1);
  }

  const database = openDatabase(config.database);
  const { db } = database;
  await migrateToLatest(database);
  const mediaRoot = path.join(config.dataDir, 'media');
  const deps = { db, storage: new LocalDiskStorage(mediaRoot), clock: systemClock };

  if (config.demo && (await isSiteEmpty(deps))) {
    const { articles } = await seedDemo(deps);
    console.log(`bendi: created the demo portal (${articles} articles)`);
  }

  const app = await buildApp({ ...config, mediaRoot }, deps);
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`bendi: the portal answers at http://${shown}:${config.port} (data in ${config.dataDir})`);
}

main().catch((error: unknown) => {
  console.error('bendi: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
