import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import type { MediaStorage } from '../media/index.js';
import { LexiconService } from '../moderation/index.js';
import { type FetchImage, imageFetcher } from '../media/index.js';
import type { ImportReport } from './import-report.js';
import { importWordpress } from './import-wordpress.js';

/** WordPress's own edge-case export (test/fixtures/wordpress/SOURCE.md says where it is from). */
export const THEME_UNIT_TEST_DATA = path.join(import.meta.dirname, '../../test/fixtures/wordpress/themeunittestdata.wordpress.xml');

/** A fetcher that gives up soon: the fixture's image host cannot be reached from tests. */
export const quickFetcher = (allowedPrivateHosts: string[] = []): FetchImage =>
  imageFetcher({ timeoutMs: 2_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3, allowedPrivateHosts });

/**
 * Imports an export file, read in small pieces when `chunkBytes` is given (so a
 * test sees CDATA and tags split across reads, as a large file's are).
 */
export async function importFile(
  deps: { db: Db; storage: MediaStorage; fetchImage?: FetchImage },
  file: string,
  chunkBytes?: number,
): Promise<ImportReport> {
  return importWordpress(
    {
      db: deps.db,
      storage: deps.storage,
      screen: await new LexiconService(deps.db, systemClock).screener(),
      fetchImage: deps.fetchImage ?? quickFetcher(),
      clock: systemClock,
    },
    { file: fs.createReadStream(file, chunkBytes ? { highWaterMark: chunkBytes } : {}), totalBytes: fs.statSync(file).size },
  );
}

/** Writes an export made of the given channel markup (authors, categories, items) into a temporary file. */
export function wxrFile(channel: string, options: { prolog?: string; version?: string } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-wxr-'));
  const file = path.join(dir, 'export.xml');
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>${options.prolog ?? ''}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel>
<title>测试站</title><link>https://old.example</link>
<wp:wxr_version>${options.version ?? '1.1'}</wp:wxr_version>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
${channel}
</channel>
</rss>
`,
  );
  return file;
}

/** One post's markup, with what a test sets. */
export function wxrPost(fields: {
  id: number;
  title?: string;
  content?: string;
  excerpt?: string;
  status?: string;
  link?: string;
  category?: string;
  comments?: string;
  /** More of the item's markup: tags, post meta. */
  extra?: string;
}): string {
  return `<item>
<title>${fields.title ?? `文章 ${fields.id}`}</title>
<link>${fields.link ?? `https://old.example/archives/${fields.id}`}</link>
<dc:creator><![CDATA[laowang]]></dc:creator>
<content:encoded><![CDATA[${fields.content ?? '<p>正文</p>'}]]></content:encoded>
<excerpt:encoded><![CDATA[${fields.excerpt ?? ''}]]></excerpt:encoded>
<wp:post_id>${fields.id}</wp:post_id>
<wp:post_date>2024-05-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2024-05-01 02:00:00</wp:post_date_gmt>
<wp:post_name>post-${fields.id}</wp:post_name>
<wp:status>${fields.status ?? 'publish'}</wp:status>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
<category domain="category" nicename="${fields.category ?? 'local'}"><![CDATA[本地]]></category>
${fields.comments ?? ''}
${fields.extra ?? ''}
</item>`;
}
