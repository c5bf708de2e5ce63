/**
 * Readers taking part, under load: posting comments, liking and unliking, counting reads,
 * each request as a different signed-in reader (or, for reads, visitor).
 *
 *   node --import tsx bench/engagement.bench.ts   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_READERS, BENCH_DATABASE_URL)
 *
 * A run is sized in requests (autocannon's `amount`, from the warm-up's rate) instead of being
 * cut off by a timer, so every request sent is answered and the counters can be checked exactly
 * afterwards. Exits 1 on connection errors, non-2xx answers, or a counter that is off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { postgresScratchDatabase } from '../src/test-support/process-databases.js';
import { type RunningProcess, startPortal } from '../test/support/portal-process.js';
import { BROWSER_AGENT, type SignedInReader, signInReaders } from '../test/support/readers.js';
import { saveSiteSettings } from '../src/site/index.js';

const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const SECONDS = positiveInt('BENCH_SECONDS', 10);
// Each connection holds one reader while its request is in flight, so a reader never races itself.
const READERS = Math.max(positiveInt('BENCH_READERS', 100), 2 * CONNECTIONS);
const WARMUP_REQUESTS = 20 * CONNECTIONS;
const ARTICLE = { comments: 2, likes: 3, reads: 4 } as const;
const COMMENT_PREFIX = '压测评论';

interface Reader extends SignedInReader {
  /** Its last answered like action was PUT. */
  liked: boolean;
}
type Context = { reader?: Reader; put?: boolean; visitor?: string };
type Measured = { row: string[]; failure?: string };
interface Scenario {
  label: string;
  request(n: number, context: Context): autocannon.Request;
  answered(status: number, body: string, context: Context): void;
}
/** Readers, their like state, and what the answers said: the expected side of the checks. */
function scenarios(readers: Reader[]) {
  const idle = [...readers];
  const checkOut = (context: Context) => (context.reader = idle.shift() ?? readers[0]!);
  const checkIn = (context: Context) => context.reader && idle.push(context.reader);
  const headers = (reader: Reader, json: boolean) => ({
    cookie: reader.cookie,
    'user-agent': BROWSER_AGENT,
    'x-forwarded-for': reader.address,
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  const tally = { comments: 0, visitors: new Set<string>(), counted: 0 };

  const list: Scenario[] = [
    {
      label: 'post a comment',
      request: (n, context) => ({
        method: 'POST',
        path: `/api/articles/${ARTICLE.comments}/comments`,
        headers: headers(checkOut(context), true),
        body: JSON.stringify({ body: `${COMMENT_PREFIX} ${n}` }),
      }),
      answered: (status, _body, context) => {
        checkIn(context);
        if (status === 201) tally.comments++;
      },
    },
    {
      label: 'like / unlike (PUT, DELETE)',
      request: (_n, context) => {
        const reader = checkOut(context);
        context.put = !reader.liked;
        return { method: context.put ? 'PUT' : 'DELETE', path: `/api/articles/${ARTICLE.likes}/like`, headers: headers(reader, false) };
      },
      answered: (status, _body, context) => {
        if (status === 200) context.reader!.liked = context.put!;
        checkIn(context);
      },
    },
    {
      // Each visitor reads twice, sometimes at the same moment on two connections: only one may count.
      label: 'count a read',
      request: (n, context) => {
        context.visitor = `bench-visitor-${String(Math.floor(n / 2)).padStart(8, '0')}`;
        return { method: 'POST', path: `/api/articles/${ARTICLE.reads}/reads`, headers: { cookie: `bendi_v=${context.visitor}`, 'user-agent': BROWSER_AGENT } };
      },
      answered: (status, body, context) => {
        if (status !== 200) return;
        tally.visitors.add(context.visitor!);
        if ((JSON.parse(body) as { counted: boolean }).counted) tally.counted++;
      },
    },
  ];
  return { list, tally };
}

/**
 * An uncounted warm-up, then a run as long as SECONDS at the pace the warm-up ended with. The time is our
 * own, first request to last answer: autocannon reports a finished run only on its next 1 s tick.
 * Returns the table row, and a complaint if any request failed.
 */
async function measure(origin: string, scenario: Scenario): Promise<Measured> {
  let n = 0;
  const run = async (amount: number) => {
    const started = performance.now();
    let answers = 0;
    let halfway = started;
    let last = started;
    const result = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      pipelining: 1,
      amount,
      requests: [
        {
          setupRequest: (request, context) => ({ ...request, ...scenario.request(n++, context as Context) }),
          onResponse: (status, body, context) => {
            last = performance.now();
            if (++answers === Math.floor(amount / 2)) halfway = last;
            scenario.answered(status, body, context as Context);
          },
        },
      ],
    });
    return { result, seconds: (last - started) / 1000, secondHalfRate: (answers - Math.floor(amount / 2)) / ((last - halfway) / 1000) };
  };
  const warm = await run(WARMUP_REQUESTS);
  const { result, seconds } = await run(Math.max(CONNECTIONS, Math.round(warm.secondHalfRate * SECONDS)));
  const [errors, non2xx] = [result.errors + warm.result.errors, result.non2xx + warm.result.non2xx];
  const row = [scenario.label, String(result.requests.total), seconds.toFixed(1), (result.requests.total / seconds).toFixed(0)];
  row.push(String(result.latency.p50), String(result.latency.p99), String(non2xx), String(errors));
  return { row, ...(errors + non2xx > 0 ? { failure: `${scenario.label}: ${errors} errors, ${non2xx} non-2xx` } : {}) };
}

async function articleCounts(db: Db, id: number) {
  return db.selectFrom('articles').select(['comment_count', 'like_count', 'read_count']).where('id', '=', id).executeTakeFirstOrThrow();
}

const ROWS = sql<number | string>`count(*)`.as('n');
const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string }> }) => Number((await query.executeTakeFirstOrThrow()).n);

async function bench(env: Record<string, string>, dataDir: string): Promise<number> {
  const portal: RunningProcess = await startPortal({ ...env, DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1' });
  const { db } = openDatabase(loadConfig({ ...env, DATA_DIR: dataDir }).database);
  try {
    // The load is a machine's on purpose: lift the flood limits a real site keeps.
    await saveSiteSettings(db, { commentRateLimits: { perReaderPerMinute: 1_000_000, perReaderPerHour: 1_000_000, perAddressPerMinute: 1_000_000 } }, new Date());
    const before = { likes: await articleCounts(db, ARTICLE.likes), reads: await articleCounts(db, ARTICLE.reads) };
    const readers = (await signInReaders(portal.origin, dataDir, READERS)).map((r) => ({ ...r, liked: false }));
    console.log(`${readers.length} readers signed in\n`);
    const { list, tally } = scenarios(readers);
    const runs: Measured[] = [];
    // One at a time: two scenarios at once would compete for the same CPUs and the same database.
    for (const scenario of list) runs.push(await measure(portal.origin, scenario));
    printTable(['scenario', 'requests', 's', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'], runs.map((r) => r.row));

    const likes = await articleCounts(db, ARTICLE.likes);
    const reads = await articleCounts(db, ARTICLE.reads);
    const checks: Array<[string, number, number]> = [
      ['comment rows = 201 answers', tally.comments, await count(db.selectFrom('comments').select(ROWS).where('article_id', '=', ARTICLE.comments).where('body', 'like', `${COMMENT_PREFIX} %`))],
      ['like_count = readers whose last action was PUT', before.likes.like_count + readers.filter((r) => r.liked).length, likes.like_count],
      ['like rows = like_count', likes.like_count, await count(db.selectFrom('article_likes').select(ROWS).where('article_id', '=', ARTICLE.likes))],
      ['read_count = distinct visitors', before.reads.read_count + tally.visitors.size, reads.read_count],
      ['answers saying counted = distinct visitors', tally.visitors.size, tally.counted],
      ['read marks = distinct visitors', tally.visitors.size, await count(db.selectFrom('article_read_marks').select(ROWS).where('article_id', '=', ARTICLE.reads).where('visitor', 'like', 'bench-visitor-%'))],
    ];
    console.log();
    printTable(['check', 'expected', 'found', ''], checks.map(([label, expected, found]) => [label, String(expected), String(found), expected === found ? 'ok' : 'OFF']));

    const failed = runs.flatMap((r) => (r.failure ? [r.failure] : []));
    failed.push(...checks.filter(([, expected, found]) => expected !== found).map(([label]) => `check failed: ${label}`));
    for (const line of failed) console.error(`failed: ${line}`);
    if (failed.length > 0) console.error(portal.output().slice(-3000));
    return failed.length > 0 ? 1 : 0;
  } finally {
    await db.destroy();
    await portal.stop();
  }
}

async function main(): Promise<number> {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? await postgresScratchDatabase(url) : { env: {}, cleanup: async () => {} };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bendi-bench-'));
  console.log(`node ${process.version}, ${os.availableParallelism()} CPUs, ${url ? 'PostgreSQL (fresh schema)' : 'SQLite'}, ${CONNECTIONS} connections, ~${SECONDS} s per scenario (+${WARMUP_REQUESTS} requests warm-up)`);
  try {
    return await bench(database.env, dataDir);
  } finally {
    await database.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await runBenchmark(main);
