import { Readable } from 'node:stream';
import { ErrorLevel, type SitemapItemLoose, SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { inScript } from './urls.js';

export interface SitemapEntry {
  /** Path without script prefix: the entry is the simplified page, with its 繁體 twin as an alternate. */
  path: string;
  lastModified?: Date;
}

export interface NewsEntry {
  path: string;
  title: string;
  publishedAt: Date;
}

/** Written by the sitemap library, which escapes and validates; anything invalid throws rather than writing a file crawlers reject. */
const write = async (stream: SitemapStream | SitemapIndexStream, items: Array<SitemapItemLoose | { url: string }>) =>
  (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');

/** Both scripts of a page, and x-default (the simplified one), as hreflang alternates, the same set the page itself carries. */
const alternates = (origin: string, path: string) => [
  { lang: 'zh-Hans', hreflang: 'zh-Hans', url: origin + inScript(path, 'hans') },
  { lang: 'zh-Hant', hreflang: 'zh-Hant', url: origin + inScript(path, 'hant') },
  { lang: 'x-default', hreflang: 'x-default', url: origin + path },
];

/** A <sitemapindex> of the given sitemap addresses. */
export function sitemapIndex(urls: string[]): Promise<string> {
  return write(new SitemapIndexStream({ level: ErrorLevel.THROW }), urls.map((url) => ({ url })));
}

/** A <urlset> of pages, each with its lastmod (when known) and its script alternates. */
export function urlSitemap(origin: string, entries: SitemapEntry[]): Promise<string> {
  const stream = new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: false, video: false, image: false, xhtml: true } });
  return write(
    stream,
    entries.map((e) => ({
      url: origin + e.path,
      links: alternates(origin, e.path),
      ...(e.lastModified && { lastmod: e.lastModified.toISOString() }),
    })),
  );
}

/**
 * A Google News sitemap: the articles of the last 48 hours, with the
 * publication's name and language (zh-cn, the code Google News documents for
 * simplified Chinese).
 */
export function newsSitemap(origin: string, siteName: string, entries: NewsEntry[]): Promise<string> {
  const stream = new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: true, video: false, image: false, xhtml: false } });
  return write(
    stream,
    entries.map((e) => ({
      url: origin + e.path,
      news: { publication: { name: siteName, language: 'zh-cn' }, publication_date: e.publishedAt.toISOString(), title: e.title },
    })),
  );
}
