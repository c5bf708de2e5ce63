import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface CachedPage {
  html: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
  expiresAt: number;
}

/**
 * Finished pages for readers who are not signed in, compressed once and
 * served many times. Entries live `ttlMs` at most, so scheduled articles and
 * the footer's year appear on time; `clear()` drops everything at once when
 * content changes. Staff pages are never stored here.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Compresses and, when caching is on, stores the page; returns it either way. */
  put(key: string, html: string): CachedPage {
    const page = compressPage(html, this.now() + this.ttlMs);
    if (!this.enabled) return page;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, page);
    return page;
  }

  clear(): void {
    this.entries.clear();
  }
}

export function compressPage(html: string, expiresAt: number): CachedPage {
  const body = Buffer.from(html);
  return {
    html: body,
    gzip: gzipSync(body, { level: 6 }),
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    expiresAt,
  };
}
