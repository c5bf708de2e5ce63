/**
 * The queries an article page makes for its 上一篇 / 下一篇 links and 相关阅读,
 * on a site with many articles: for the newest article, one from the middle
 * and the oldest, since a query that walks its category from one end costs
 * most at the other. SQLite and (with BENCH_DATABASE_URL) PostgreSQL.
 *
 *   node --import tsx bench/related-articles.bench.ts     (BENCH_ARTICLES, BENCH_DATABASE_URL)
 *
 * Each database is fresh and migrated, filled with BENCH_ARTICLES articles
 * (60,000 by default; a third in one category, the rest in four others, one
 * every 30 minutes back from now) and 2,000 tags: each article carries one,
 * and every twentieth also one of three broad tags (as 民生 or 教育 are on a
 * county portal), which the measured articles carry too: 相关阅读 then counts
 * about 3,000 articles sharing a tag. PostgreSQL's statistics are taken, as
 * autovacuum does on a live site within a minute; SQLite gets none, as bendi
 * never runs ANALYZE there. Figures are the median and the slowest of 200 calls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { findArticle, findNeighbours, listRelatedArticles } from '../src/content/index.js';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../src/db/database.js';
import { createScratchPostgresDatabase } from '../src/db/scratch-database.js';
import { positiveInt, printTable, runBenchmark } from './bench-support.js';

const ARTICLES = positiveInt('BENCH_ARTICLES', 60_000);
const CALLS = 200;
const BATCH = 1_000;
const TAGS = 2_000;
const BROAD_TAGS = 3;
const CATEGORIES = 5;
const STEP_MS = 30 * 60_000;

/** Fills the database; returns the ids of the newest, a middle and the oldest article of the large category. */
async function fill({ db, kind }: DatabaseHandle): Promise<Array<{ label: string; id: number }>> {
  const now = Date.now();
  const created = new Date(now).toISOString();
  const categoryIds: number[] = [];
  for (let i = 0; i < CATEGORIES; i += 1) {
    const row = await db.insertInto('categories').values({ slug: `c${i}`, name: `栏目${i}`, parent_id: null, position: i, created_at: created }).returning('id').executeTakeFirstOrThrow();
    categoryIds.push(row.id);
  }
  const tagIds: number[] = [];
  for (let done = 0; done < TAGS; done += BATCH) {
    const names = Array.from({ length: Math.min(BATCH, TAGS - done) }, (_, i) => `关键词${done + i}`);
    const rows = await db.insertInto('tags').values(names.map((name) => ({ name, folded: name }))).returning('id').execute();
    tagIds.push(...rows.map((r) => r.id));
  }
  const broad = tagIds.slice(0, BROAD_TAGS);
  for (let done = 0; done < ARTICLES; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ARTICLES - done) }, (_, i) => {
      const n = done + i;
      // n = 0 is the newest: the large category holds every third article.
      const at = new Date(now - 60_000 - n * STEP_MS).toISOString();
      return { category_id: categoryIds[n % 3 === 0 ? 0 : 1 + (n % (CATEGORIES - 1))]!, title: `第${n}篇：县里的新闻`, summary: '一篇文章的摘要。', body_html: '<p>正文。</p>', origin: 'original' as const, status: 'published' as const, published_at: at, created_at: at, updated_at: at };
    });
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('articles').values(rows).returning('id').execute();
      const tags = inserted.flatMap(({ id }, i) => {
        const n = done + i;
        const own = { article_id: id, tag_id: tagIds[BROAD_TAGS + (n % (TAGS - BROAD_TAGS))]!, position: 0 };
        return n % 20 === 0 ? [own, { article_id: id, tag_id: broad[n % BROAD_TAGS]!, position: 1 }] : [own];
      });
      await trx.insertInto('article_tags').values(tags).execute();
    });
  }
  const inLarge = (order: 'asc' | 'desc', offset: number) =>
    db.selectFrom('articles').select('id').where('category_id', '=', categoryIds[0]!).orderBy('published_at', order).offset(offset).limit(1).executeTakeFirstOrThrow();
  const measured = [
    { label: 'newest', id: (await inLarge('desc', 0)).id },
    { label: 'middle', id: (await inLarge('desc', Math.floor(ARTICLES / 6))).id },
    { label: 'oldest', id: (await inLarge('asc', 0)).id },
  ];
  // The measured articles carry every broad tag: 相关阅读 counts all who share one.
  await db
    .insertInto('article_tags')
    .values(measured.flatMap(({ id }) => broad.map((tagId, i) => ({ article_id: id, tag_id: tagId, position: 2 + i }))))
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (kind === 'postgres') await sql`vacuum analyze`.execute(db);
  return measured;
}

async function timed(call: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  for (let i = 0; i < 10; i += 1) await call();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', url: string | undefined): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bendi-related-bench-'));
  const scratch = kind === 'postgres' ? await createScratchPostgresDatabase(url!) : undefined;
  const handle = scratch ? openDatabase({ kind: 'postgres', url: scratch.url }) : openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
  try {
    await migrateToLatest(handle);
    const started = performance.now();
    const measured = await fill(handle);
    console.log(`\n${kind}: ${ARTICLES} articles filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const lines: string[][] = [];
    for (const { label, id } of measured) {
      const article = (await findArticle(handle.db, id))!;
      const now = new Date();
      const neighbours = await timed(() => findNeighbours(handle.db, article, now));
      const related = await timed(() => listRelatedArticles(handle.db, article, now, 7));
      const ms = (value: number) => value.toFixed(2);
      lines.push([`${label} (#${id})`, ms(neighbours.median), ms(neighbours.max), ms(related.median), ms(related.max)]);
    }
    printTable(['article', '上一篇/下一篇 p50 ms', 'max ms', '相关阅读 p50 ms', 'max ms'], lines);
  } finally {
    await handle.db.destroy();
    await scratch?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

await runBenchmark(async () => {
  const url = process.env.BENCH_DATABASE_URL;
  console.log(`node ${process.version}, ${ARTICLES} articles, ${CALLS} calls of each query per article`);
  await benchDatabase('sqlite', undefined);
  if (url) await benchDatabase('postgres', url);
  return 0;
});
