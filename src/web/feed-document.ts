import { Feed } from 'feed';
import { type Article, lastModified } from '../content/index.js';
import { escapeHtml } from '../lib/escape-html.js';
import type { Script } from '../text/index.js';
import { absoluteUrl, paths } from './urls.js';

/** What a feed says about itself; every address absolute, as feed readers need. */
export interface FeedChannel {
  title: string;
  description: string;
  /** The page the feed follows (home or a category), and the feed's own addresses. */
  pageUrl: string;
  rssUrl: string;
  atomUrl: string;
  origin: string;
  siteName: string;
  imageUrl: string;
  script: Script;
  /** 'full': the article's text; 'summary': its summary and a link back (site setting feedContent). */
  content: 'full' | 'summary';
  copyright: string;
}

export interface FeedEntry {
  article: Article;
  url: string;
  section: string | undefined;
}

/**
 * Links and images in a stored body are paths on this site ("/media/…",
 * "/a/3"); a feed reader resolves them against its own origin, so they are
 * made absolute. The body was sanitized when saved and sanitize-html writes
 * every attribute in double quotes, which is what this relies on.
 */
export function absoluteLinks(html: string, origin: string): string {
  return html.replace(/\b(src|href)="(\/(?!\/)[^"]*)"/g, (_match, attribute: string, path: string) => `${attribute}="${origin}${path}"`);
}

/**
 * The feed as one object, from which both formats are written by the `feed`
 * library. It escapes plain fields, but an entry's title, summary and text go
 * into CDATA as HTML (Atom says type="html") and it splits only the first
 * "]]>": titles and summaries are plain text, so they are escaped as HTML here,
 * and the stored body, sanitized on save, has every ">" of its text and
 * attributes escaped already. Atom requires an
 * author for each entry or for the feed: the feed's is the site, an entry's
 * the byline's author when there is one.
 */
function buildFeed(channel: FeedChannel, entries: FeedEntry[]): Feed {
  const newest = entries.map((e) => lastModified(e.article)).sort((a, b) => b.getTime() - a.getTime())[0];
  const feed = new Feed({
    id: channel.pageUrl,
    title: channel.title,
    description: channel.description,
    link: channel.pageUrl,
    language: channel.script === 'hant' ? 'zh-Hant' : 'zh-Hans',
    image: channel.imageUrl,
    favicon: absoluteUrl(channel.origin, paths.favicon()),
    copyright: channel.copyright,
    // An empty feed changed when the site began, as far as a reader can tell; a fixed instant keeps its ETag stable.
    updated: newest ?? new Date(0),
    generator: 'bendi',
    feedLinks: { rss: channel.rssUrl, atom: channel.atomUrl },
    author: { name: channel.siteName, link: `${channel.origin}/` },
  });
  for (const { article, url, section } of entries) {
    const full = channel.content === 'full';
    feed.addItem({
      id: url,
      link: url,
      title: escapeHtml(article.title),
      description: escapeHtml(article.summary || article.title),
      ...(full && { content: absoluteLinks(article.bodyHtml, channel.origin) }),
      date: lastModified(article),
      published: article.publishedAt ?? undefined,
      author: [{ name: article.author ?? article.reprint.sourceName ?? channel.siteName }],
      // The section, then the article's 关键词. Atom requires a term on each category (RFC 4287 4.2.2); RSS writes the name.
      category: [section, ...article.tags].flatMap((name) => (name ? [{ name, term: name }] : [])),
    });
  }
  return feed;
}

/** Characters XML 1.0 forbids: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired surrogates. */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A double-quoted attribute value as the `feed` library writes it: it escapes & and " there, but not <, which XML forbids in one. */
const ATTRIBUTE_VALUE = / (label|term|title)="([^"]*)"/g;

/**
 * The library's document as XML a parser reads. Staff text can hold what XML
 * cannot: a control character pasted from Word or imported (a browser shows
 * nothing, a feed reader rejects the whole feed), or a < in a category's or a
 * tag's name, which the library leaves raw in Atom's label and term. The
 * first are dropped, the second escaped. Only the library's own attributes
 * can match: everywhere else a < was escaped already, by the library or, in
 * a body, by the sanitizer.
 */
function wellFormed(xml: string): string {
  return xml
    .replace(NOT_IN_XML, '')
    .replace(ATTRIBUTE_VALUE, (_match, name: string, value: string) => ` ${name}="${value.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
}

export const rssDocument = (channel: FeedChannel, entries: FeedEntry[]) => wellFormed(buildFeed(channel, entries).rss2());
export const atomDocument = (channel: FeedChannel, entries: FeedEntry[]) => wellFormed(buildFeed(channel, entries).atom1());
