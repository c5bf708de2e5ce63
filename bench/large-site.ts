import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../src/db/database.js';
import { createScratchPostgresDatabase } from '../src/db/scratch-database.js';

const BATCH = 1_000;
const TAGS = 2_000;
const BROAD_TAGS = 3;
const STEP_MS = 30 * 60_000;
/** About 1.8 KB, as a short local news article's body: a row read costs what it costs on a live site. */
const BODY = `<p>${'县里今天召开会议，部署今年的重点工作和民生实事。'.repeat(25)}</p>`;

/**
 * The categories of the large site, by the share of articles each holds (out of 100): 要闻 with a fifth,
 * three of a tenth of which two are 城区's subcategories, and a small one under a parent that holds none
 * (乡镇 → 石门镇), as a portal's newer sections are.
 */
const CATEGORIES = [
  { slug: 'news', share: 20 },
  { slug: 'society', share: 10 },
  { slug: 'city', share: 10 },
  { slug: 'city-east', share: 10, parent: 'city' },
  { slug: 'city-west', share: 10, parent: 'city' },
  { slug: 'culture', share: 39 },
  { slug: 'towns', share: 0 },
  { slug: 'shimen', share: 1, parent: 'towns' },
] as const;
export type LargeSiteCategory = (typeof CATEGORIES)[number]['slug'];

export interface LargeSite {
  categoryIds: Record<LargeSiteCategory, number>;
  /** The newest, a middle and the oldest article of 要闻, each carrying the broad tags too. */
  measured: Array<{ label: string; id: number }>;
  /** A broad tag (every sixtieth article) and a narrow one (one article in 2,000). */
  tagIds: { broad: number; narrow: number };
}

/**
 * A site of `articles` articles, one every 30 minutes back from now, spread over CATEGORIES; 2,000 tags,
 * each article carrying one and every twentieth also one of three broad tags (as 民生 or 教育 are on a county
 * portal); every thousandth 置顶 and every five-thousandth 推荐; bodies of about 1.8 KB. PostgreSQL's statistics are taken, as
 * autovacuum does on a live site within a minute; SQLite gets none, as bendi never runs ANALYZE there.
 */
async function fill({ db, kind }: DatabaseHandle, articles: number): Promise<LargeSite> {
  const now = Date.now();
  const created = new Date(now).toISOString();
  const categoryIds = {} as Record<LargeSiteCategory, number>;
  for (const [position, category] of CATEGORIES.entries()) {
    const parentId = 'parent' in category ? categoryIds[category.parent] : null;
    const row = await db.insertInto('categories').values({ slug: category.slug, name: category.slug, parent_id: parentId, position, created_at: created }).returning('id').executeTakeFirstOrThrow();
    categoryIds[category.slug] = row.id;
  }
  // Article n's category: the slots of 100 dealt out by share.
  const slots = CATEGORIES.flatMap((category) => Array<number>(category.share).fill(categoryIds[category.slug]));
  const tagIds: number[] = [];
  for (let done = 0; done < TAGS; done += BATCH) {
    const names = Array.from({ length: Math.min(BATCH, TAGS - done) }, (_, i) => `关键词${done + i}`);
    const rows = await db.insertInto('tags').values(names.map((name) => ({ name, folded: name }))).returning('id').execute();
    tagIds.push(...rows.map((r) => r.id));
  }
  const broad = tagIds.slice(0, BROAD_TAGS);
  for (let done = 0; done < articles; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, articles - done) }, (_, i) => {
      const n = done + i;
      // n = 0 is the newest.
      const at = new Date(now - 60_000 - n * STEP_MS).toISOString();
      return {
        category_id: slots[(n * 37) % slots.length]!,
        title: `第${n}篇：县里的新闻`,
        summary: '一篇文章的摘要。',
        body_html: BODY,
        origin: 'original' as const,
        status: 'published' as const,
        is_pinned: n % 1_000 === 7 ? 1 : 0,
        is_recommended: n % 5_000 === 11 ? 1 : 0,
        published_at: at,
        created_at: at,
        updated_at: at,
      };
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
  const inNews = (order: 'asc' | 'desc', offset: number) =>
    db.selectFrom('articles').select('id').where('category_id', '=', categoryIds.news).orderBy('published_at', order).offset(offset).limit(1).executeTakeFirstOrThrow();
  const measured = [
    { label: 'newest', id: (await inNews('desc', 0)).id },
    { label: 'middle', id: (await inNews('desc', Math.floor(articles / 10))).id },
    { label: 'oldest', id: (await inNews('asc', 0)).id },
  ];
  await db
    .insertInto('article_tags')
    .values(measured.flatMap(({ id }) => broad.map((tagId, i) => ({ article_id: id, tag_id: tagId, position: 2 + i }))))
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (kind === 'postgres') await sql`vacuum analyze`.execute(db);
  return { categoryIds, measured, tagIds: { broad: broad[0]!, narrow: tagIds[BROAD_TAGS]! } };
}

/**
 * Runs `measure` on a fresh, filled large site of `articles` articles: on SQLite in a temporary folder, then
 * on PostgreSQL in a scratch database beside BENCH_DATABASE_URL when it is set. Both are removed after.
 * `databaseUrl` is the site's DATABASE_URL, for a portal started on it.
 */
export async function onEachLargeSite(
  articles: number,
  measure: (handle: DatabaseHandle, site: LargeSite, databaseUrl: string) => Promise<void>,
): Promise<void> {
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bendi-large-site-'));
  try {
    for (const kind of postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      const scratch = kind === 'postgres' ? await createScratchPostgresDatabase(postgresUrl!) : undefined;
      const file = path.join(dir, 'large-site.sqlite');
      const handle = scratch ? openDatabase({ kind: 'postgres', url: scratch.url }) : openDatabase({ kind: 'sqlite', file });
      try {
        await migrateToLatest(handle);
        const started = performance.now();
        const site = await fill(handle, articles);
        console.log(`\n${kind}: ${articles} articles filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        await measure(handle, site, scratch ? scratch.url : `sqlite:${file}`);
      } finally {
        await handle.db.destroy();
        await scratch?.drop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Puts a tag named `name` on every article, as sites tag everything 本地, or on the `oldest` articles only, as
 * an event's tag is on those of its time; returns its id. PostgreSQL's statistics are taken again.
 */
export async function tagArticles({ db, kind }: DatabaseHandle, name: string, oldest?: number): Promise<number> {
  const { id } = await db.insertInto('tags').values({ name, folded: name }).returning('id').executeTakeFirstOrThrow();
  let articles = db.selectFrom('articles').select((eb) => ['id', eb.val(id).as('tag_id'), eb.val(9).as('position')]);
  if (oldest !== undefined) articles = articles.orderBy('published_at').limit(oldest);
  await db.insertInto('article_tags').columns(['article_id', 'tag_id', 'position']).expression(articles).execute();
  if (kind === 'postgres') await sql`vacuum analyze`.execute(db);
  return id;
}

/** The median and the slowest of `calls` calls, in ms, after ten unmeasured ones. */
export async function timed(call: () => Promise<unknown>, calls: number): Promise<{ median: number; max: number }> {
  for (let i = 0; i < 10; i += 1) await call();
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}
