// The dashboard's figures over 100,000 articles and 10 million reads (as 1,000,000 article-days in
// article_daily_reads and 100 days in site_daily_reads, which is how reads are kept), on SQLite and, with BENCH_DATABASE_URL, PostgreSQL.
// Run: node --import tsx bench/dashboard.bench.ts   (BENCH_ARTICLES, BENCH_DAYS to change the volume)
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { createPostgresTestDatabase, createSqliteTestDatabase } from '../src/db/testing.js';
import { lastChinaDays } from '../src/lib/china-time.js';
import { computeDashboard } from '../src/stats/index.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 100);
const ARTICLES_READ_PER_DAY = 10_000;
// A day's reads fall as news reads do, a few articles taking most (Zipf: the i-th most read gets
// 1 + 9,700 / i), about 100,000 a day: 100 days make 10 million reads.
const readsOfRank = (i: number) => 1 + Math.floor(9_700 / (i + 1));
const BATCH = 1_000;
const now = new Date();

async function fill(db: Db): Promise<void> {
  const at = now.toISOString();
  const category = await db.insertInto('categories').values({ slug: `bench-${Date.now()}`, name: '测试', position: 0, created_at: at }).returning('id').executeTakeFirstOrThrow();
  for (let start = 0; start < ARTICLES; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ARTICLES - start) }, (_, i) => ({
      category_id: category.id,
      title: `文章 ${start + i}`,
      summary: '',
      body_html: '<p>正文</p>',
      origin: 'original' as const,
      status: 'published' as const,
      published_at: new Date(now.getTime() - (start + i) * 60_000).toISOString(),
      created_at: at,
      updated_at: at,
    }));
    await db.insertInto('articles').values(rows).execute();
  }
  const { min } = await db.selectFrom('articles').select((eb) => eb.fn.min<number>('id').as('min')).executeTakeFirstOrThrow();
  for (const [d, day] of lastChinaDays(now, DAYS).entries()) {
    for (let start = 0; start < ARTICLES_READ_PER_DAY; start += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, i) => ({ article_id: Number(min) + ((d * 997 + start + i) % ARTICLES), day, reads: readsOfRank(start + i) }));
      await db.insertInto('article_daily_reads').values(rows).onConflict((oc) => oc.columns(['article_id', 'day']).doNothing()).execute();
    }
    let dayReads = 0;
    for (let i = 0; i < ARTICLES_READ_PER_DAY; i++) dayReads += readsOfRank(i);
    await db.insertInto('site_daily_reads').values({ day, reads: dayReads }).execute();
  }
}

async function measure(kind: string, db: Db): Promise<void> {
  const started = performance.now();
  await fill(db);
  // A site grows its tables over months, and PostgreSQL's autovacuum keeps their statistics and marks
  // settled pages all-visible (which index-only scans need); a bulk fill seconds old has neither, and
  // the planner would scan what an index answers.
  await sql.raw(kind === 'PostgreSQL' ? 'vacuum analyze' : 'analyze').execute(db);
  console.log(`${kind}: filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await computeDashboard(db, now);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${kind}: dashboard median ${times[3]!.toFixed(0)} ms, worst ${times[6]!.toFixed(0)} ms (first ${times.length} runs)`);
}

const sqlite = await createSqliteTestDatabase();
await measure('SQLite', sqlite.db);
await sqlite.db.destroy();
if (process.env.BENCH_DATABASE_URL) {
  const postgres = await createPostgresTestDatabase(process.env.BENCH_DATABASE_URL);
  await measure('PostgreSQL', postgres.db);
  await postgres.db.destroy();
}
