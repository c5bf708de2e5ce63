import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.js';

/** One thing an instance needs before it may take traffic; `run` rejects when it is not reachable. */
export interface ReadinessCheck {
  name: string;
  run(): Promise<void>;
}

/** Each check must answer within this, or it counts as failed: a hung store must not hang the load balancer's probe. */
const CHECK_TIMEOUT_MS = 3_000;

/** What /readyz checks: the database, the media storage, and Redis when instances share one. */
export function readinessChecks(deps: Pick<AppDeps, 'db' | 'storage' | 'redis'>): ReadinessCheck[] {
  const { redis } = deps;
  return [
    { name: 'database', run: async () => void (await sql`select 1`.execute(deps.db)) },
    { name: 'storage', run: () => deps.storage.check() },
    ...(redis ? [{ name: 'redis', run: async () => void (await redis.ping()) }] : []),
  ];
}

type CheckResult = 'ok' | 'failed';

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${check.name} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.run(), timeout]);
    return 'ok';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /healthz: the process is alive (restart it if not). /readyz: it can serve,
 * every check passing and not shutting down (send it traffic only if so).
 * Both answer JSON with Cache-Control: no-store; /readyz is 503 when any check fails.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessCheck[]): void {
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ ok: true }));
  app.get('/readyz', async (request, reply) => {
    const results = await Promise.all(
      checks.map(async (check) =>
        runCheck(check).catch((error: unknown) => {
          request.log.warn({ err: error, check: check.name }, 'readiness check failed');
          return 'failed' as const;
        }),
      ),
    );
    const outcome = Object.fromEntries(checks.map((check, i) => [check.name, results[i]]));
    const ready = !app.draining && results.every((r) => r === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ ready, draining: app.draining, checks: outcome });
  });
}
