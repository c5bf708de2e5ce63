// Several bendi processes as docs/deploy.md lays them out: one PostgreSQL database, one Redis, one
// S3 bucket (s3rver, started here), each instance with a DATA_DIR of its own, so nothing they
// share goes through the local disk. For end-to-end tests and benchmarks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectRedis } from '../../src/lib/redis.js';
import { cleanUp } from '../../src/test-support/clean-up.js';
import { postgresScratchDatabase } from '../../src/test-support/process-databases.js';
import { startS3Server } from '../../src/test-support/s3-server.js';
import { type RunningProcess, startPortal } from './portal-process.js';

export interface Instance extends RunningProcess {
  /** Its environment, for the CLI (`apiToken`) and the database (`demoArticleId`). */
  env: Record<string, string>;
  dataDir: string;
}

export interface Instances {
  /** In the order they started: the first created the demo portal. */
  instances: Instance[];
  /** The demo admin's password, which only the first start printed. */
  adminPassword: string;
  stop(): Promise<void>;
}

export const DEMO_ADMIN = 'linxiaowen';

/**
 * The Redis database this process's instances use (1 to 15, by process id): other suites keep
 * to database 0 under key prefixes, and bendi's own keys have none, so two runs at once on one
 * Redis, in CI or on a shared machine, would otherwise see each other's page generations.
 */
function ownRedisDatabase(url: string): string {
  const own = new URL(url);
  own.pathname = `/${1 + (process.pid % 15)}`;
  return own.toString();
}

/**
 * Empties it before the instances start: keys a run leaves behind outlive it (a read marks its
 * visitor and address for half an hour), and an earlier run whose process id fell on the same
 * database would otherwise have the new demo portal's reads counted as repeats.
 */
async function emptiedRedisDatabase(url: string): Promise<string> {
  const own = ownRedisDatabase(url);
  const redis = await connectRedis(own);
  try {
    await redis.flushdb();
  } finally {
    await redis.quit();
  }
  return own;
}

/**
 * Starts the bucket, a scratch database next to `postgresUrl`, and `count` instances
 * on it with `extraEnv`: the first creates the demo portal, the others find it, one
 * after the other. TRUST_PROXY is the loopback (nginx, or a test posing as one).
 */
export async function startInstances(postgresUrl: string, redisUrl: string, count: number, extraEnv: Record<string, string> = {}): Promise<Instances> {
  const steps: Array<() => unknown> = [];
  const stop = async () => cleanUp(...steps.splice(0).reverse());
  try {
    const s3 = await startS3Server();
    steps.push(() => s3.stop());
    const database = await postgresScratchDatabase(postgresUrl);
    steps.push(() => database.cleanup());
    const shared = {
      ...database.env,
      REDIS_URL: await emptiedRedisDatabase(redisUrl),
      ...s3.env,
      TRUST_PROXY: '127.0.0.1',
      ...extraEnv,
    };
    const start = async (name: string): Promise<Instance> => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bendi-instance-${name}-`));
      steps.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const env = { ...shared, DATA_DIR: dataDir };
      const portal = await startPortal(env);
      steps.push(() => portal.stop());
      return Object.assign(portal, { env, dataDir });
    };
    const instances: Instance[] = [];
    for (let i = 0; i < count; i++) instances.push(await start(String.fromCharCode(97 + i)));
    return { instances, adminPassword: demoPassword(instances[0]!.output(), DEMO_ADMIN), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** From the lines the first start prints: "  admin    linxiaowen  PASSWORD". */
function demoPassword(output: string, username: string): string {
  const password = new RegExp(`^\\s+\\S+\\s+${username}\\s+(\\S+)$`, 'm').exec(output)?.[1];
  if (!password) throw new Error(`the first start printed no password for ${username}:\n${output}`);
  return password;
}
