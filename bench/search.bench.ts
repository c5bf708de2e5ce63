/**
 * Site search over a generated corpus of local news: how long a reader's
 * query takes, p50 and p95, on SQLite and (with BENCH_DATABASE_URL) PostgreSQL.
 *
 *   node --import tsx bench/search.bench.ts     (BENCH_ARTICLES, BENCH_SECONDS, BENCH_DATABASE_URL, BENCH_KEEP)
 *
 * Each database is fresh: migrated, filled with BENCH_ARTICLES articles
 * (100,000 by default) in batched transactions, each indexed through the same
 * syncArticleSearch the newsroom's commands call, then analysed as autovacuum
 * would soon do on a live site. With BENCH_KEEP=1 the filled databases are
 * kept (a file in the temporary directory, a PostgreSQL database named
 * bendi_search_bench_<articles>) and reused by the next run with the same
 * BENCH_ARTICLES, since filling takes minutes. Then the queries below run
 * in turn, for BENCH_SECONDS per database, timed one by one through
 * searchArticles (segmentation, ranking, excerpts: everything but rendering).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../src/db/database.js';
import { createScratchPostgresDatabase } from '../src/db/scratch-database.js';
import { searchArticles, syncArticleSearch } from '../src/search/index.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';
import { CORPUS_CATEGORIES, corpus } from './search-corpus.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 100_000);
const SECONDS = positiveInt('BENCH_SECONDS', 10);
const KEEP = process.env.BENCH_KEEP === '1';
const BATCH = 500;
const DAY_MS = 86_400_000;

/** What readers of a county portal type: places, people, topics, two words, 繁體, a filter, a later page. */
const QUERIES: Array<{ label: string; query: string; category?: boolean; page?: number; lastDays?: number }> = [
  { label: 'county (in most articles)', query: '青溪' },
  { label: 'town', query: '溪口镇' },
  { label: 'village (rare)', query: '鹰嘴岩村' },
  { label: 'person', query: '王建国' },
  { label: 'topic', query: '猕猴桃' },
  { label: 'two words', query: '沙湾镇 修路' },
  { label: 'traditional', query: '雙河口鄉 防汛' },
  { label: 'common word', query: '群众' },
  { label: 'topic, one category', query: '通车', category: true },
  { label: 'town, last 30 days', query: '石门镇', lastDays: 30 },
  { label: 'town, page 5', query: '龙潭镇', page: 5 },
  { label: 'nothing matches', query: '火星基地' },
];

async function fill(handle: DatabaseHandle): Promise<number[]> {
  const { db } = handle;
  const now = new Date();
  const categoryIds: number[] = [];
  for (let i = 0; i < CORPUS_CATEGORIES; i += 1) {
    const row = await db
      .insertInto('categories')
      .values({ slug: `topic-${i}`, name: `栏目${i}`, parent_id: null, position: i, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds.push(row.id);
  }
  const next = corpus(ARTICLES);
  const started = performance.now();
  for (let done = 0; done < ARTICLES; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ARTICLES - done) }, () => {
      const a = next();
      const at = new Date(now.getTime() - a.ageDays * DAY_MS).toISOString();
      return { category_id: categoryIds[a.category]!, title: a.title, summary: a.summary, body_html: a.bodyHtml, origin: 'original' as const, status: 'published' as const, published_at: at, created_at: at, updated_at: at };
    });
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('articles').values(rows).returning('id').execute();
      for (const { id } of inserted) await syncArticleSearch(trx, id);
    });
    if ((done / BATCH) % 20 === 19) process.stdout.write(`  ${done + BATCH} articles, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  console.log(`  corpus: ${ARTICLES} articles generated and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Fresh statistics, as autovacuum gives a live site within a minute: without them PostgreSQL plans as if the tables were empty.
  await sql`${sql.raw(handle.kind === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(db);
  return categoryIds;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(handle: DatabaseHandle, categoryIds: number[]): Promise<string[][]> {
  const times = QUERIES.map(() => [] as number[]);
  const found = QUERIES.map(() => 0);
  const run = async (i: number) => {
    const q = QUERIES[i]!;
    const now = new Date();
    const started = performance.now();
    const result = await searchArticles(handle.db, {
      query: q.query,
      now,
      page: q.page ?? 1,
      pageSize: 20,
      ...(q.category ? { categoryIds: [categoryIds[1]!] } : {}),
      ...(q.lastDays ? { from: new Date(now.getTime() - q.lastDays * DAY_MS) } : {}),
    });
    found[i] = result.total;
    return performance.now() - started;
  };
  // Warm-up, uncounted: jieba's and OpenCC's dictionaries, the database's caches.
  for (let i = 0; i < QUERIES.length; i += 1) await run(i);
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < QUERIES.length; i += 1) times[i]!.push(await run(i));
  }
  const row = (label: string, list: number[], total: string) => {
    const sorted = [...list].sort((a, b) => a - b);
    return [label, total, String(sorted.length), percentile(sorted, 50).toFixed(1), percentile(sorted, 95).toFixed(1), (sorted.at(-1) ?? 0).toFixed(1)];
  };
  return [...QUERIES.map((q, i) => row(`${q.label}: ${q.query}`, times[i]!, String(found[i]))), row('all queries', times.flat(), '')];
}

/** The categories of a database filled by an earlier run kept with BENCH_KEEP, or none when it must be filled. */
async function filledBefore(handle: DatabaseHandle): Promise<number[] | undefined> {
  const count = await handle.db.selectFrom('articles').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  if (Number(count.n) === 0) return undefined;
  if (Number(count.n) !== ARTICLES) throw new Error(`the kept database holds ${count.n} articles, not ${ARTICLES}: a fill was cut short; delete it`);
  const categories = await handle.db.selectFrom('categories').select('id').orderBy('position').execute();
  return categories.map((c) => c.id);
}

/** A PostgreSQL database for the run: a scratch one, or with BENCH_KEEP the kept one (created when missing). */
async function postgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!KEEP) return createScratchPostgresDatabase(url);
  const name = `bendi_search_bench_${ARTICLES}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const kept = new URL(url);
  kept.pathname = `/${name}`;
  return { url: kept.toString(), drop: async () => {} };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', url: string | undefined): Promise<void> {
  const dir = KEEP ? os.tmpdir() : await mkdtemp(path.join(os.tmpdir(), 'bendi-search-bench-'));
  const file = path.join(dir, KEEP ? `bendi-search-bench-${ARTICLES}.sqlite` : 'bench.sqlite');
  const scratch = kind === 'postgres' ? await postgresDatabase(url!) : undefined;
  const handle = scratch ? openDatabase({ kind: 'postgres', url: scratch.url }) : openDatabase({ kind: 'sqlite', file });
  try {
    console.log(`\n${kind}:`);
    await migrateToLatest(handle);
    const kept = KEEP ? await filledBefore(handle) : undefined;
    if (kept) console.log(`  corpus: ${ARTICLES} articles kept from an earlier run`);
    const categoryIds = kept ?? (await fill(handle));
    printTable(['query', 'matches', 'runs', 'p50 ms', 'p95 ms', 'max ms'], await measure(handle, categoryIds));
  } finally {
    await handle.db.destroy();
    await scratch?.drop();
    if (!KEEP) await rm(dir, { recursive: true, force: true });
  }
}

await runBenchmark(async () => {
  const url = process.env.BENCH_DATABASE_URL;
  console.log(`node ${process.version}, ${os.availableParallelism()} CPUs, ${ARTICLES} articles, ${SECONDS} s of queries per database`);
  await benchDatabase('sqlite', undefined);
  if (url) await benchDatabase('postgres', url);
  return 0;
});
