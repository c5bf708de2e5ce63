import type { Db } from '../db/database.js';
import {
  type Article,
  auditActor,
  cleanPasteInWorker,
  createDraft,
  type PageLayout,
  readReprintedPageInWorker,
  requireCategory,
  type StaffActor,
} from '../content/index.js';
import { invalid } from '../lib/errors.js';
import type { FetchImage, MediaStorage } from '../media/index.js';
import type { FetchPage } from './fetch-page.js';
import { ImageLocalizer } from './import-images.js';
import type { ReportEntry } from './import-report.js';

export interface ReprintDeps {
  db: Db;
  storage: MediaStorage;
  fetchPage: FetchPage;
  fetchImage: FetchImage;
}

export interface ReprintInput {
  url: string;
  categoryId: number;
  actor: StaffActor;
}

export interface Reprint {
  article: Article;
  /** How the page was read, and when the original says it was published (the draft has no place for it). */
  layout: PageLayout;
  originalPublishedAt: string | null;
  /** Images that could not be brought in: links to where they are, in the draft. */
  imagesKeptAsLinks: ReportEntry[];
  /** What the paste cleaning took out (hidden text, tracking pixels…), by kind. */
  removed: Record<string, number>;
}

/**
 * The import map's source for reprinted images: an image reprinted before is
 * used again, not downloaded twice.
 */
const REPRINT_SOURCE = 'reprint';

/**
 * 转载 from a link: fetches another site's article page through the address
 * guard, reads title, author, source, time and body out of it (WeChat,
 * news layouts, or where the text is densest), cleans the body as a paste,
 * brings its images into the media store, and opens a draft with the 转载
 * fields filled (来源, 原标题, 原作者, 原文链接).
 *
 * Throws Invalid 'reprint.fetch_*', 'reprint.not_html' or 'reprint.no_article',
 * 'content.body_too_long' or 'content.body_too_many_tags' for an article
 * whose markup is beyond what a paste may be, NotFound for an unknown category.
 */
export async function reprintFromLink(deps: ReprintDeps, input: ReprintInput, now: Date): Promise<Reprint> {
  // Before any fetching: a draft that cannot be saved must not leave the original's images behind.
  await requireCategory(deps.db, input.categoryId);
  const page = await deps.fetchPage(input.url);
  const read = await readReprintedPageInWorker(page);
  if (!read) throw invalid('reprint.no_article');
  const body = await cleanPasteInWorker({ html: read.bodyHtml });
  if (!body.html) throw invalid('reprint.no_article');
  const title = read.title || '转载文章';
  const localized = await new ImageLocalizer(deps, REPRINT_SOURCE, now, auditActor(input.actor)).localize(body.html, page.url, title);
  const article = await createDraft(
    deps.db,
    {
      categoryId: input.categoryId,
      title,
      bodyHtml: localized.html,
      origin: 'reprint',
      sourceName: read.sourceName,
      // The address as the editor gave it: a redirect's target is often a tracking or mobile address.
      sourceUrl: input.url,
      originalTitle: read.title || null,
      originalAuthor: read.author,
    },
    input.actor,
    now,
  );
  return { article, layout: read.layout, originalPublishedAt: read.publishedAt, imagesKeptAsLinks: localized.keptAsLinks, removed: { ...body.removed } };
}
