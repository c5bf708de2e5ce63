import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { OriginAdmission } from './origin-admission.js';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * A finished page. Compressed forms are made the first time a client asks
 * for them and kept with the page, so a page read a thousand times is
 * compressed once, and one read once is not compressed in vain.
 */
export class FinishedPage {
  readonly body: Buffer;
  readonly etag: string;
  private readonly encoded = new Map<ContentEncoding, Buffer>();

  constructor(html: string) {
    this.body = Buffer.from(html);
    this.etag = `"${createHash('sha1').update(this.body).digest('base64url')}"`;
  }

  encodedAs(encoding: ContentEncoding): Buffer {
    if (encoding === 'identity') return this.body;
    let data = this.encoded.get(encoding);
    if (!data) {
      data =
        encoding === 'br'
          ? brotliCompressSync(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(this.body, { level: 6 });
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
 * Pages for readers who are not signed in, and the site-wide data those
 * pages are built from. Entries live `ttlMs` at most, so scheduled articles
 * and the footer's year appear on time; `clear()` drops everything at once
 * when content changes. Staff pages are never stored here.
 */
export class PageCache {
  private readonly pages = new Map<string, Entry<FinishedPage>>();
  private readonly origins = new OriginAdmission();
  private readonly data = new Map<string, Entry<Promise<unknown>>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxPages = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether pages for this origin may be kept (see OriginAdmission). With
   * PUBLIC_URL set every page has that one origin, so this is always true.
   */
  admitsOrigin(origin: string): boolean {
    return this.origins.admits(origin);
  }

  getPage(key: string): FinishedPage | undefined {
    return this.fresh(this.pages, key);
  }

  /** Stores the page when caching is on; returns it either way. */
  putPage(key: string, html: string): FinishedPage {
    const page = new FinishedPage(html);
    if (this.ttlMs <= 0) return page;
    if (this.pages.size >= this.maxPages) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    this.pages.set(key, { value: page, expiresAt: this.now() + this.ttlMs });
    return page;
  }

  /** Site-wide data (settings, navigation) loaded once per cache lifetime; a failed load is not kept. */
  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.fresh(this.data, key);
    if (cached) return cached as Promise<T>;
    const loading = load();
    if (this.ttlMs > 0) {
      this.data.set(key, { value: loading, expiresAt: this.now() + this.ttlMs });
      loading.catch(() => this.data.delete(key));
    }
    return loading;
  }

  clear(): void {
    this.pages.clear();
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
