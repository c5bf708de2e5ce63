import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerAdmin } from './admin/admin.plugin.js';
import { registerOpenApi } from './admin/openapi.js';
import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import { ChangeNotices } from './db/change-notices.js';
import { type Db, otherProcessesCommits, postgresUrlOf } from './db/database.js';
import { databaseKind } from './db/dialect.js';
import { CounterBuffer } from './engagement/index.js';
import { schemaCompilersOnFirstUse } from './http/compile-on-first-use.js';
import { parseQueryString } from './http/query-string.js';
import { documentOutages } from './http/api-schemas.js';
import { answerUnreadableRequest, IDLE_SOCKET_MS, REQUEST_ARRIVAL_MS } from './http/client-errors.js';
import { registerCompression } from './http/compression.js';
import { registerDraining } from './http/draining.js';
import { KeptPageLane } from './http/kept-page-lane.js';
import { registerPoolWaitAccounts } from './http/pool-wait-accounts.js';
import { answerUnroutableAddress, registerErrorHandling } from './http/error-handler.js';
import { answerWrongMethodsWith405 } from './http/method-not-allowed.js';
import { PageCache } from './http/page-cache.js';
import { LocalGeneration, RedisGeneration } from './http/page-generation.js';
import { registerRequestContext } from './http/request-context.js';
import { refuseNonCanonicalIds, refuseUnreadBodies } from './http/route-schemas.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerTextInputGuard } from './http/text-input-guard.js';
import { PendingDeleteWorker } from './media/index.js';
import { SearchPushWorker } from './search-push/index.js';
import { registerAssets } from './web/assets.js';
import { errorPageSender, plainErrorPageSender } from './web/error-page.js';
import { readinessChecks, registerHealthRoutes } from './web/health.routes.js';
import { registerMediaFiles } from './web/media-files.routes.js';
import { registerOldUrlRedirects } from './web/old-urls.js';
import { registerPublicPages } from './web/pages.plugin.js';
import { registerPrefsRoutes } from './web/prefs.routes.js';
import { registerReaderApi } from './web/reader-api.routes.js';
import { paths } from './web/urls.js';
import { registerWechatApi } from './web/wechat.routes.js';
import { MemoryTicketStore, RedisTicketStore, WechatJsSdk } from './wechat/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
    /** Undefined while requests are logged (LOG_LEVEL debug or trace). */
    keptPageLane: KeptPageLane | undefined;
  }
}

export type AppConfig = Pick<Config, 'trustProxy' | 'publicUrl' | 'logLevel' | 'pageCacheSeconds'> &
  Partial<Pick<Config, 'wechat' | 'pageCachePages'>> & {
    /** URLs per article sitemap; the protocol's 50,000 unless a test wants to see the split with a few. */
    sitemapPartSize?: number;
    /** How long a socket may send nothing: IDLE_SOCKET_MS unless a test wants to see it cut off sooner. */
    idleSocketMs?: number;
  };

/** The whole application, without listen(), so tests can inject() requests. */
export async function buildApp(config: AppConfig, deps: AppDeps): Promise<FastifyInstance> {
  const requestLogging = config.logLevel === 'debug' || config.logLevel === 'trace';
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // X-Forwarded-For is believed only from the listed proxies; otherwise the socket's address counts.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    // A line per request would cost more than serving a cached page; errors are still logged.
    logController: new LogController({ disableRequestLogging: !requestLogging }),
    // A value that is not UTF-8 is read as GBK, as old pages' links send it (see parseQueryString).
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString },
    // Fastify's validator drops fields a schema does not list, so a misspelled field used to answer 200 and change
    // nothing. The API is a contract: an unknown field is refused (400 naming it). Public pages' query strings are
    // the one place unknown parameters are still dropped (dropUnknownQueryParameters in http/route-schemas.ts).
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: schemaCompilersOnFirstUse },
    frameworkErrors: answerUnroutableAddress(plainErrorPageSender(deps, config.publicUrl)),
    clientErrorHandler: answerUnreadableRequest,
    // Fastify turns off Node's own bounds (0); a request still arriving is bounded twice, see client-errors.ts.
    connectionTimeout: config.idleSocketMs ?? IDLE_SOCKET_MS,
    requestTimeout: REQUEST_ARRIVAL_MS,
    // A request on a kept-alive connection while the instance drains is answered as any other (see registerDraining).
    return503OnClosing: false,
  });
  // First of the hooks, so that every query of the request, its staff session's too, waits within one bound.
  // Only on PostgreSQL: the scope costs every request a little, and SQLite has no pool to wait for.
  if (databaseKind(deps.db) === 'postgres') registerPoolWaitAccounts(app);
  const generation = deps.redis ? new RedisGeneration(deps.redis, app.log) : new LocalGeneration(otherProcessesChanges(app, deps.db));
  app.decorate('pageCache', new PageCache(config.pageCacheSeconds * 1000, { generation, maxPages: config.pageCachePages }));
  // Logged requests all go through Fastify, which logs them. inject() in tests goes to Fastify alone.
  app.decorate('keptPageLane', requestLogging ? undefined : new KeptPageLane(app, config.trustProxy.length > 0));
  app.decorateRequest('keptPage', undefined);
  app.decorateRequest('pageGeneration', undefined);
  app.decorateRequest('builtFromKeptUntil', undefined);
  const answerWrongMethods = answerWrongMethodsWith405(app);
  refuseNonCanonicalIds(app);
  refuseUnreadBodies(app);
  documentOutages(app);
  await app.register(cookie);
  await registerCompression(app);
  registerSecurityHeaders(app);
  registerDraining(app);
  registerRequestContext(app, deps, config.publicUrl);
  registerErrorHandling(app, errorPageSender(deps), registerOldUrlRedirects(app, deps));
  registerTextInputGuard(app);
  registerAssets(app);
  registerMediaFiles(app, deps.storage);
  registerOpenApi(app, config.publicUrl);
  registerPrefsRoutes(app);
  registerWechatApi(app, config.wechat && new WechatJsSdk(config.wechat, deps.redis ? new RedisTicketStore(deps.redis) : new MemoryTicketStore()));
  await registerPublicPages(app, deps, { sitemapPartSize: config.sitemapPartSize });
  await registerReaderApi(app, deps, bufferCounters(app, deps));
  await registerAdmin(app, deps);
  registerHealthRoutes(app, readinessChecks(deps));
  pushToSearchEngines(app, deps, config.publicUrl);
  retryMediaFileDeletes(app, deps);
  answerWrongMethods();
  return app;
}

/**
 * With Redis, reads and likes are counted there and flushed to the database
 * every second by each instance, and once more when the instance closes.
 */
function bufferCounters(app: FastifyInstance, deps: AppDeps): CounterBuffer | undefined {
  if (!deps.redis) return undefined;
  return runWhileOpen(app, new CounterBuffer(deps.redis, deps.db, deps.clock, app.log));
}

/**
 * Without Redis, a reading that moves on when another process changes the
 * database, as `npx bendi import` does: on SQLite the other connections'
 * commits, which SQLite counts; on PostgreSQL the changes commands announce
 * (ChangeNotices). Nothing for a Db opened elsewhere (a test's own).
 */
function otherProcessesChanges(app: FastifyInstance, db: Db): (() => number) | undefined {
  const url = postgresUrlOf(db);
  if (url === undefined) return otherProcessesCommits(db);
  const notices = runWhileOpen(app, new ChangeNotices(url, app.log));
  return () => notices.heard;
}

/** Background work runs from when the app is ready (after its start, where it returns a promise) until it closes, which waits for it. */
function runWhileOpen<Work extends { start(): void | Promise<void>; stop(): Promise<void> }>(app: FastifyInstance, work: Work): Work {
  app.addHook('onReady', async () => work.start());
  app.addHook('onClose', () => work.stop());
  return work;
}

/**
 * Each instance sends the queued search-engine pushes in the background, from
 * ready until close; the queue's claim keeps two instances off the same row.
 * With no engine set up in the admin it finds nothing to send.
 */
function pushToSearchEngines(app: FastifyInstance, deps: AppDeps, publicUrl: string | undefined): void {
  runWhileOpen(app, new SearchPushWorker({ db: deps.db, clock: deps.clock, log: app.log, publicUrl, articlePath: paths.article }));
}

/**
 * Each instance deletes, from ready until close, the files of deleted images
 * and failed uploads that storage could not remove at the time (it was
 * unreachable); the claim keeps two instances off the same file.
 */
function retryMediaFileDeletes(app: FastifyInstance, deps: AppDeps): void {
  runWhileOpen(app, new PendingDeleteWorker({ db: deps.db, storage: deps.storage, clock: deps.clock, log: app.log }));
}
