import path from 'node:path';
import { buildApp } from './app.js';
import type { AppDeps } from './app-deps.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { type DemoSignIn, isSiteEmpty, seedDemo } from './demo/seed-demo.js';
import { systemClock } from './lib/clock.js';
import { openStorage } from './media/index.js';
import { LexiconService } from './moderation/index.js';
import { ConsoleSmsProvider } from './readers/index.js';
import { indexMissingArticles } from './search/index.js';
import { getSmsSettings, SettingsSmsProvider } from './sms/index.js';

/** Longer than any request bendi serves takes; a load balancer's deregistration delay should be at least this. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

/** The longest a PostgreSQL query of the server may take, as the client sees it: a server that stops answering is then a 503, not a request that hangs. */
const QUERY_TIMEOUT_MS = 30_000;

/**
 * The longest a request's queries wait on PostgreSQL, in all, for free pooled connections (a query outside of a
 * request: for one); the request is then answered 503. Without a bound, an overload queues requests for
 * minutes: their readers, and nginx (proxy_read_timeout, 60 s by default), have given up long before, and the
 * queue still runs each of them, so the instance never catches up.
 */
const POOL_WAIT_MS = 20_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`bendi: configuration error: ${problem}`);
    process.exit(1);
  }

  // Before the database, so an unreachable Redis stops the start with one line, like a bad setting.
  // Imported only when configured: ioredis is about 0.3 s of a start that does not use it.
  const redis = config.redisUrl ? await (await import('./lib/redis.js')).connectRedis(config.redisUrl) : undefined;
  const database = openDatabase(config.database, { queryTimeoutMs: QUERY_TIMEOUT_MS, poolWaitMs: POOL_WAIT_MS });
  const { db } = database;
  await migrateToLatest(database);
  const smsOutbox = path.join(config.dataDir, 'sms-outbox.jsonl');
  const deps: AppDeps = {
    db,
    storage: await openStorage(config.mediaStorage),
    clock: systemClock,
    // 阿里云短信 or 腾讯云短信 as the SMS settings choose; until then the console provider writes codes to a file.
    sms: new SettingsSmsProvider(db, new ConsoleSmsProvider(smsOutbox)),
    lexicon: new LexiconService(db, systemClock, (error) => console.error('bendi: checking the lexicon for changes failed; the one compiled before stays in use:', error)),
    redis,
  };

  let demoSignIns: DemoSignIn[] = [];
  if (config.demo && (await isSiteEmpty(deps))) {
    const { articles, signIns } = await seedDemo(deps);
    console.log(`bendi: created the demo portal (${articles} articles)`);
    demoSignIns = signIns;
  }

  // Articles published before the search index existed (or while it was rebuilt) are indexed in the background.
  void indexMissingArticles(db, (error) => console.error('bendi: indexing articles for search failed:', error));
  const app = await buildApp(config, deps);
  const shutdown = async (signal: string) => {
    console.log(`bendi: ${signal}: finishing the requests in flight, then stopping`);
    // A request that never ends must not keep a stopping instance alive forever.
    setTimeout(() => {
      console.error(`bendi: requests still running after ${SHUTDOWN_TIMEOUT_MS / 1000} s; stopping anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.draining = true;
    // close() stops accepting connections and resolves once those in flight are answered (each answer now closes its connection);
    // only then may the database go, or an answered write could be cut off before its commit.
    await app.close();
    await db.destroy();
    // QUIT goes over the connection: with Redis unreachable it fails at once, and the client's reconnect timer would
    // keep the process alive until the timeout above. Counters were flushed at close; nothing is left to send.
    await redis?.quit().catch(() => redis.disconnect());
    process.exit(0);
  };
  // A promise nobody waited for failed after its request was answered: Node would end the process, and with it
  // every other reader's page. It is logged as the bug it is, and the instance keeps serving.
  process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'a promise failed with nobody waiting for it'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  // Said before listening, so that everything the start prints is out before the first answer (a test, or an
  // operator's script, reading the output once /healthz answers used to miss the lines printed after it).
  await reportSmsProvider(deps, config.production, smsOutbox);
  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`bendi: the portal answers at http://${shown}:${config.port} (data in ${config.dataDir})`);
  printDemoSignIns(demoSignIns, config.publicUrl ?? `http://${shown}:${config.port}`);
}

/** Readers cannot sign in on a live site whose codes go to a file, so production says so loudly. */
async function reportSmsProvider(deps: AppDeps, production: boolean, outbox: string): Promise<void> {
  const { provider } = await getSmsSettings(deps.db);
  if (provider !== 'console') {
    console.log(`bendi: SMS sign-in codes are sent by ${provider === 'aliyun' ? '阿里云短信' : '腾讯云短信'}`);
  } else if (production) {
    console.warn(`bendi: WARNING: NODE_ENV=production, but SMS codes are only written to ${outbox}, never sent: readers cannot sign in. Choose 阿里云短信 or 腾讯云短信 in /admin/settings`);
  } else {
    console.log(`bendi: SMS codes are written to ${outbox}, not sent (development); choose a provider in /admin/settings before readers rely on it`);
  }
}

/** Only the start that created the demo knows its passwords (only hashes are stored), so this prints once. */
function printDemoSignIns(signIns: DemoSignIn[], origin: string): void {
  if (signIns.length === 0) return;
  console.log(`bendi: demo sign-in at ${origin}/admin (passwords shown this once):`);
  for (const { role, username, password } of signIns) console.log(`  ${role.padEnd(9)}${username.padEnd(12)}${password}`);
  console.log('bendi: change one with: npx bendi user passwd --username NAME');
}

main().catch((error: unknown) => {
  console.error('bendi: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
