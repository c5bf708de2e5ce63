import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { unavailable } from '../lib/errors.js';
import { KeptPromises } from '../lib/kept-promises.js';
import { utf8Bytes } from '../lib/utf8-bytes.js';
import { OriginAdmission } from './origin-admission.js';
import { LocalGeneration, type PageGeneration } from './page-generation.js';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * How hard a page is compressed. A kept page is compressed once for all its
 * readers, so it gets the smaller output; a page built for one request (a
 * cache miss, a staff page) is compressed for that request alone, so it gets
 * the fast setting: on a 21 KB article page brotli 5 takes about 290 µs and
 * brotli 3 about 95 µs (1.5 KB larger), a quarter of such a page's whole cost.
 */
const COMPRESSION = {
  kept: { brotliQuality: 5, gzipLevel: 6 },
  once: { brotliQuality: 3, gzipLevel: 3 },
} as const;

/**
 * A finished page. Compressed forms are made the first time a client asks
 * for them and kept with the page, so a page read a thousand times is
 * compressed once, and one read once is not compressed in vain.
 */
export class FinishedPage {
  readonly body: Buffer;
  private readonly hash: string;
  private readonly encoded = new Map<ContentEncoding, Buffer>();
  /** Whether the page cache keeps the page for other requests (see COMPRESSION). */
  private readonly kept: boolean;

  constructor(html: string, { kept }: { kept: boolean }) {
    this.body = utf8Bytes(html);
    this.hash = createHash('sha1').update(this.body).digest('base64url');
    this.kept = kept;
  }

  /**
   * A tag per content coding, as RFC 9110 §8.8.3 asks of different
   * representations, so a cache in front never answers a gzip request 304
   * on the strength of a brotli copy. Strong where every instance sends the
   * same bytes; weak for a page compressed for one request, whose bytes a
   * kept copy of the same page does not share (see COMPRESSION): If-None-Match
   * compares weakly, so either copy still revalidates the other.
   */
  etagFor(encoding: ContentEncoding): string {
    if (encoding === 'identity') return `"${this.hash}"`;
    const tag = `"${this.hash}-${encoding}"`;
    return this.kept ? tag : `W/${tag}`;
  }

  encodedAs(encoding: ContentEncoding): Buffer {
    if (encoding === 'identity') return this.body;
    let data = this.encoded.get(encoding);
    if (!data) {
      const { brotliQuality, gzipLevel } = COMPRESSION[this.kept ? 'kept' : 'once'];
      data =
        encoding === 'br'
          ? brotliCompressSync(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality } })
          : gzipSync(this.body, { level: gzipLevel });
      this.encoded.set(encoding, data);
    }
    return data;
  }
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Where a page is kept. 'site': the site's own addresses (articles, categories, tags), as many as
 * there is content. 'queries': addresses a reader makes up (search results), without limit in
 * number: kept apart and at most a tenth as many, so a flood of made-up queries can push out only
 * other search pages, never the articles everyone reads.
 */
export type PagePool = 'site' | 'queries';

/**
 * Entries of the data pages share (see PageCache.remember): a few per section and one per tag a page is
 * asked for, two for the home page, so a crawler going through every tag of a large site pushes out the least used, not memory.
 */
const MAX_SHARED_DATA = 10_000;

/**
 * Pages for readers who are not signed in, and the site-wide data those
 * pages are built from. Entries live `ttlMs` at most, so scheduled articles
 * and the footer's year appear on time; `clear()` drops everything at once
 * when content changes, on every instance that shares the `generation`.
 * Staff pages are never stored here.
 *
 * A request calls `sync()` before it reads the cache: that drops entries of
 * an older generation, and gives the generation a page built now belongs to.
 * A page is stored only if no change came while it was being built.
 */
export class PageCache {
  private readonly pools: Record<PagePool, Map<string, Entry<FinishedPage>>> = { site: new Map(), queries: new Map() };
  /** Pages being built, by pool, generation and key (see pageFor). */
  private readonly building = new Map<string, Promise<FinishedPage>>();
  private readonly origins = new OriginAdmission();
  /** Data pages share (see remember). */
  private readonly data: KeptPromises;
  /** The generation the entries belong to; undefined while it cannot be known, and then nothing is kept. */
  private held: string | undefined;

  private readonly maxPages: Record<PagePool, number>;
  private readonly now: () => number;
  private readonly generation: PageGeneration;

  constructor(
    private readonly ttlMs: number,
    options: { generation?: PageGeneration; maxPages?: number; now?: () => number } = {},
  ) {
    this.generation = options.generation ?? new LocalGeneration();
    const maxPages = options.maxPages ?? 2000;
    this.maxPages = { site: maxPages, queries: Math.ceil(maxPages / 10) };
    this.now = options.now ?? Date.now;
    this.data = new KeptPromises(ttlMs, MAX_SHARED_DATA, this.now);
  }

  /**
   * Whether pages for this origin may be kept (see OriginAdmission). With
   * PUBLIC_URL set every page has that one origin, so this is always true.
   */
  admitsOrigin(origin: string): boolean {
    return this.origins.admits(origin);
  }

  /** Catches up with changes made anywhere; resolves to the generation to pass to putPage, undefined when the cache is to be passed by. */
  async sync(): Promise<string | undefined> {
    const now = this.syncNow();
    if (now !== false) return now;
    let current: string | undefined;
    try {
      current = await this.generation.current();
    } catch {
      current = undefined;
    }
    return this.catchUp(current);
  }

  /**
   * sync() at once, where the generation is known without asking (one
   * instance on its own); false where it must be asked for (Redis), and only
   * sync() can tell. Spares a kept page's answer its promises (KeptPageLane).
   */
  syncNow(): string | undefined | false {
    if (this.ttlMs <= 0) return undefined;
    if (!this.generation.currentNow) return false;
    let current: string | undefined;
    try {
      current = this.generation.currentNow();
    } catch {
      current = undefined;
    }
    return this.catchUp(current);
  }

  /**
   * Holds the entries of generation `current`. Undefined, the generation is
   * unknown (Redis lost, or SQLite's writer busy with a stream): whatever is
   * held may be stale, so it goes, and pages come from the database.
   */
  private catchUp(current: string | undefined): string | undefined {
    if (current !== this.held) {
      this.drop();
      this.held = current;
    }
    return current;
  }

  getPage(key: string, pool: PagePool = 'site'): FinishedPage | undefined {
    if (this.held === undefined) return undefined;
    return this.fresh(this.pools[pool], key);
  }

  /**
   * The page for `key` in `generation` (from sync): the kept one, else the
   * one another request of the same generation is building, else built now
   * and kept (see putPage). Readers on a page a change has just dropped,
   * a burst on a new article, wait for one build instead of each running
   * its own: the page is the one they would have built, as they asked before
   * any later change. A failed build fails every request waiting on it.
   *
   * Nothing is shared when nothing may be kept: without a generation
   * (Redis lost, a cache time of 0) no page is known to be current, and with
   * PAGE_CACHE_PAGES=0 every request is to be rendered.
   */
  async pageFor(
    key: string,
    generation: string | undefined,
    build: () => Promise<string>,
    pool: PagePool = 'site',
    builtFromKeptUntil: () => number | undefined = () => undefined,
  ): Promise<FinishedPage> {
    const kept = this.getPage(key, pool);
    if (kept) return kept;
    if (generation === undefined || this.maxPages[pool] === 0) return this.putPage(key, await build(), generation, pool);
    const flight = `${pool}\n${generation}\n${key}`;
    let page = this.building.get(flight);
    if (!page) {
      page = build()
        .then((html) => this.putPage(key, html, generation, pool, builtFromKeptUntil()))
        .finally(() => this.building.delete(flight));
      this.building.set(flight, page);
    }
    return page;
  }

  /**
   * Stores the page if it was built in the generation the cache holds (see sync); returns it either way. A page
   * built from kept data (`builtFromKeptUntil`, see keptUntil) is kept no longer than that data: kept a whole
   * cache time of its own, it would show a scheduled article up to twice the cache time late.
   */
  putPage(key: string, html: string, generation: string | undefined, pool: PagePool = 'site', builtFromKeptUntil?: number): FinishedPage {
    const pages = this.pools[pool];
    const maxPages = this.maxPages[pool];
    const kept = generation !== undefined && generation === this.held && maxPages > 0;
    const page = new FinishedPage(html, { kept });
    if (!kept) return page;
    if (pages.size >= maxPages) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = pages.keys().next().value;
      if (oldest !== undefined) pages.delete(oldest);
    }
    pages.set(key, { value: page, expiresAt: Math.min(this.now() + this.ttlMs, builtFromKeptUntil ?? Infinity) });
    return page;
  }

  /**
   * Data many pages share (settings, navigation, a section's 排行, a section's or a tag's count, the home
   * page's lists, a category's newest for 相关阅读, the topics gathering each tag) loaded once per cache
   * lifetime; a failed load is not kept, nor a value `keeps` refuses (see KeptPromises.get). `generation` is
   * the one the caller's request read (sync): loaded and not kept while it is unknown, or no longer the one held.
   */
  remember<T>(generation: string | undefined, key: string, load: () => Promise<T>, keeps?: (value: T) => boolean): Promise<T> {
    if (generation === undefined || generation !== this.held) return load();
    return this.data.get(key, load, keeps);
  }

  /** Until when the data kept for `key` in `generation` is kept; undefined when none is (see remember). */
  keptUntil(generation: string | undefined, key: string): number | undefined {
    return generation === undefined || generation !== this.held ? undefined : this.data.keptUntil(key);
  }

  /**
   * Content is about to change: every instance sharing the generation drops
   * its pages now. Throws Unavailable('pages.change_not_announced') when they
   * cannot be told; the change must then not be made.
   */
  async announceChange(): Promise<void> {
    try {
      await this.generation.announce();
    } catch (error) {
      throw unavailable('pages.change_not_announced', error);
    }
  }

  /** Content changed: drops this instance's entries at once, and resolves once every other instance will drop theirs. */
  async clear(): Promise<void> {
    this.drop();
    await this.generation.advance();
  }

  private drop(): void {
    this.pools.site.clear();
    this.pools.queries.clear();
    this.data.clear();
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    map.delete(key);
    return undefined;
  }
}
