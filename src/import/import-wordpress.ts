import type { Readable } from 'node:stream';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import type { MediaStorage } from '../media/index.js';
import type { ScreenText } from '../moderation/index.js';
import type { FetchImage } from '../media/index.js';
import { importCategory } from './import-categories.js';
import { ImageLocalizer } from './import-images.js';
import { importAuthor } from './import-people.js';
import { LeadImages } from './lead-images.js';
import { articleStatusFor, findImportedPost, importPost } from './import-post.js';
import { type ImportReport, newImportReport, type OnImportProgress, reasonOf } from './import-report.js';
import { readWxr, type WxrPosition } from './wxr-reader.js';
import type { WxrCategory, WxrItem } from './wxr-records.js';

export interface ImportDeps {
  db: Db;
  storage: MediaStorage;
  /** The site's lexicon, as posts and comments are screened with. */
  screen: ScreenText;
  fetchImage: FetchImage;
  clock: Clock;
}

export interface ImportInput {
  file: Readable;
  /** The file's size, for the progress bar; 0 when unknown. */
  totalBytes: number;
  onProgress?: OnImportProgress;
  /** Articles were published: cached pages must be made again (the admin clears the page cache). */
  onPublished?: () => Promise<void>;
}

/** How many new articles go by between two clearings of the page cache: readers see them soon, the cache is not emptied per post. */
const PUBLISHED_BATCH = 25;

/** What the other post types are, and why they are not articles. */
const OTHER_TYPES: Record<string, string> = {
  page: 'bendi 还没有独立页面，未导入',
  attachment: '附件只在文章用到时作为图片导入（正文图片或题图）',
  nav_menu_item: '导航菜单未导入，请在 bendi 后台设置栏目导航',
};

const FALLBACK_CATEGORY: WxrCategory = { termId: '0', slug: 'uncategorized', parentSlug: '', name: '未分类' };

/**
 * Imports a WordPress export (WXR 1.0–1.2) read as a stream: authors as
 * staff accounts without passwords, categories, posts as articles with their
 * tags, comments and images, and featured images as lead images. Each author, category and post is imported in a
 * transaction of its own, and one that fails is reported while the import
 * goes on; a post imported before (the import map knows it) is left as it
 * is, so running an import twice changes nothing.
 *
 * A file that turns out truncated or malformed stops the import where it
 * is, with `stoppedBy` saying so; whatever was imported before stays.
 */
export async function importWordpress(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const now = deps.clock();
  const report = newImportReport(now);
  const run = new ImportRun(deps, report, now);
  const position: WxrPosition = { bytes: 0, items: 0 };
  const progress = () =>
    input.onProgress?.({
      bytes: position.bytes,
      totalBytes: input.totalBytes,
      items: position.items,
      articles: report.counts.articles,
      comments: report.counts.comments,
      images: report.counts.images,
      problems: report.notImported.length + report.imagesKeptAsLinks.length,
    });
  let unannounced = 0;
  try {
    for await (const record of readWxr(input.file, position)) {
      if (record.kind === 'site') run.start(record.site.baseUrl, record.site.wxrVersion);
      else if (record.kind === 'author') await run.author(record.author.login, record.author.displayName);
      else if (record.kind === 'category') await run.category(record.category);
      // A tag is made when an article carries it: the channel's list of tags adds nothing to that.
      else if (record.kind === 'item' && (await run.item(record.item))) unannounced++;
      if (unannounced >= PUBLISHED_BATCH) {
        await input.onPublished?.();
        unannounced = 0;
      }
      progress();
    }
  } catch (error) {
    if (!(error instanceof AppError && error.code.startsWith('import.'))) throw error;
    report.stoppedBy = reasonOf(error);
  } finally {
    unannounced += await run.finish();
    if (unannounced > 0) await input.onPublished?.();
    report.finishedAt = deps.clock().toISOString();
    progress();
  }
  return report;
}

/** One import's state: who and what the export's names became so far. */
class ImportRun {
  private readonly tags = new Set<string>();
  private readonly leadImages = new LeadImages();
  private source = 'wordpress';
  private baseUrl = '';
  private localizer: ImageLocalizer;
  private readonly authors = new Map<string, { id: number; name: string }>();
  private readonly categories = new Map<string, number>();
  private readonly otherTypes = new Map<string, number>();

  constructor(
    private readonly deps: ImportDeps,
    private readonly report: ImportReport,
    private readonly now: Date,
  ) {
    this.localizer = new ImageLocalizer(deps, this.source, now);
  }

  start(baseUrl: string, wxrVersion: string): void {
    this.baseUrl = baseUrl;
    // The site's address names the import's source: a second export of the same site finds the first one's work.
    this.source = `wordpress:${baseUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '').toLowerCase()}`;
    this.localizer = new ImageLocalizer(this.deps, this.source, this.now);
    Object.assign(this.report, { source: this.source, wxrVersion });
  }

  async author(login: string, displayName: string): Promise<{ id: number; name: string } | undefined> {
    try {
      const { id, created } = await this.deps.db.transaction().execute((trx) =>
        importAuthor(trx, this.source, { login, email: '', displayName }, this.now),
      );
      if (created) this.report.counts.authors++;
      const author = { id, name: displayName || login };
      this.authors.set(login, author);
      return author;
    } catch (error) {
      this.report.notImported.push({ item: `author ${login}`, reason: reasonOf(error) });
      return undefined;
    }
  }

  async category(category: WxrCategory): Promise<number | undefined> {
    try {
      const outcome = await this.deps.db.transaction().execute((trx) => importCategory(trx, this.source, category, this.categories, this.now));
      this.categories.set(category.slug, outcome.id);
      if (outcome.kind === 'created' || outcome.kind === 'flattened') this.report.counts.categories++;
      if (outcome.kind === 'merged') this.report.changed.push({ item: `category ${category.slug}`, reason: '与已有的同名栏目合并' });
      if (outcome.kind === 'flattened') this.report.changed.push({ item: `category ${category.slug}`, reason: 'bendi 的栏目只有两级，放到了它的顶级栏目下' });
      return outcome.id;
    } catch (error) {
      this.report.notImported.push({ item: `category ${category.slug}`, reason: reasonOf(error) });
      return undefined;
    }
  }

  /** Returns whether the item became a published article. */
  async item(item: WxrItem): Promise<boolean> {
    this.leadImages.noteAttachment(item);
    if (item.postType !== 'post') {
      this.otherTypes.set(item.postType, (this.otherTypes.get(item.postType) ?? 0) + 1);
      return false;
    }
    const label = `post ${item.postId}「${item.title.trim().slice(0, 40)}」`;
    try {
      if ((await findImportedPost(this.deps.db, this.source, item.postId)) !== undefined) {
        this.report.counts.alreadyImported++;
        return false;
      }
      const decided = articleStatusFor(item);
      if ('skip' in decided) {
        this.report.notImported.push({ item: label, reason: decided.skip });
        return false;
      }
      const author = this.authors.get(item.creator) ?? (item.creator ? await this.author(item.creator, item.creator) : undefined);
      const categoryId = await this.categoryOf(item);
      if (categoryId === undefined) throw new Error('没有可用的栏目');
      const outcome = await importPost(
        {
          db: this.deps.db,
          source: this.source,
          screen: this.deps.screen,
          now: this.now,
          authorId: author?.id,
          authorName: author?.name ?? null,
          categoryId,
          localize: (html) => this.localizer.localize(html, item.link || this.baseUrl, item.title.trim()),
        },
        item,
        decided,
      );
      const { counts } = this.report;
      counts.articles++;
      counts.comments += outcome.comments;
      counts.images += outcome.imagesDownloaded;
      for (const tag of outcome.tags) this.tags.add(tag);
      counts.tags = this.tags.size;
      this.leadImages.want(outcome.article.id, item, label);
      this.report.imagesKeptAsLinks.push(...outcome.keptAsLinks.map((e) => ({ ...e, item: `${label} ${e.item}` })));
      this.report.changed.push(...outcome.changes.map((reason) => ({ item: label, reason })));
      return outcome.article.status === 'published';
    } catch (error) {
      this.report.notImported.push({ item: label, reason: reasonOf(error) });
      return false;
    }
  }

  /** The post's first category, made now if the export did not list it; '未分类' for a post without one. */
  private async categoryOf(item: WxrItem): Promise<number | undefined> {
    const first = item.categories.find((c) => c.domain === 'category');
    if (!first) return this.categories.get(FALLBACK_CATEGORY.slug) ?? this.category(FALLBACK_CATEGORY);
    return this.categories.get(first.nicename) ?? this.category({ termId: first.nicename, slug: first.nicename, parentSlug: '', name: first.name });
  }

  /** Brings in the lead images and reports what was left; returns how many articles changed (a page cache to clear). */
  async finish(): Promise<number> {
    const changed = await this.leadImages.bringIn(this.deps.db, this.localizer, this.report);
    for (const [type, count] of this.otherTypes) {
      this.report.notImported.push({ item: `${type || '（无类型）'} × ${count}`, reason: OTHER_TYPES[type] ?? '这种内容类型 bendi 没有，未导入' });
    }
    return changed;
  }
}
