import pLimit from 'p-limit';
import type { Db } from '../db/database.js';
import type { AuditActor } from '../audit/index.js';
import { AppError } from '../lib/errors.js';
import { findMediaItems, MAX_ALT_LENGTH, type MediaItem, type MediaStorage, mediaSitePath, uploadImage } from '../media/index.js';
import type { FetchImage } from '../media/index.js';
import { findMapped, recordMapped } from './import-map.js';
import { reasonOf, type ReportEntry } from './import-report.js';
import { type BodyImage, findImages, type ImageReplacement, replaceImages } from './post-body.js';

/**
 * Failures that say a host cannot be reached at all: its other images are not tried again in the same import.
 * The host is the one that failed (the fetch names it), which for an image that redirects is not the image's
 * own: a site that sends one picture to a private address still has its other pictures downloaded.
 */
const HOST_FAILURES = new Set(['media.fetch_unreachable', 'media.fetch_timeout', 'media.fetch_refused_address']);

/** Downloads at once per post: enough to hide latency, few enough not to hammer the old site. */
const PARALLEL_DOWNLOADS = 4;

export type ImageOutcome = { media: MediaItem } | { failure: string };

export interface LocalizedBody {
  html: string;
  /** Images downloaded now (not found from an earlier import). */
  downloaded: number;
  keptAsLinks: ReportEntry[];
}

/**
 * Brings a post's images into the media store: each <img> whose picture
 * could be fetched points at this site's copy, and one that could not
 * becomes a link to where it was (the sanitizer keeps no foreign image, and
 * a reader may still follow the link). Each URL is fetched once per import,
 * and never again by a later one (the import map remembers it).
 */
export class ImageLocalizer {
  private readonly outcomes = new Map<string, Promise<ImageOutcome>>();
  private readonly failedHosts = new Map<string, string>();
  private downloaded = 0;

  constructor(
    private readonly deps: { db: Db; storage: MediaStorage; fetchImage: FetchImage },
    private readonly source: string,
    private readonly now: Date,
    /** The staff member bringing the images in, as their upload; none for an import. */
    private readonly uploader?: AuditActor,
  ) {}

  async localize(html: string, baseUrl: string, postTitle: string): Promise<LocalizedBody> {
    const images = findImages(html);
    const limit = pLimit(PARALLEL_DOWNLOADS);
    const before = this.downloaded;
    const results = new Map<string, ImageOutcome>();
    await Promise.all(
      images.map((image) =>
        limit(async () => {
          const url = absoluteUrl(image.src, baseUrl);
          if (url) results.set(image.tag, await this.outcomeFor(url, altFor(image, postTitle)));
        }),
      ),
    );
    const keptAsLinks: ReportEntry[] = [];
    const replaced = replaceImages(html, (image) => {
      const url = absoluteUrl(image.src, baseUrl);
      const outcome = results.get(image.tag);
      if (!url || !outcome) {
        keptAsLinks.push({ item: `image ${shortened(image.src) || '(no src)'}`, reason: '不是可以下载的图片地址，已去掉' });
        return { kind: 'drop' };
      }
      return this.replacement(image, url, outcome, postTitle, keptAsLinks);
    });
    return { html: replaced, downloaded: this.downloaded - before, keptAsLinks };
  }

  /** One picture by its address (a post's featured image): this site's copy, or why there is none. */
  async image(url: string, alt: string): Promise<{ outcome: ImageOutcome; downloaded: number }> {
    const before = this.downloaded;
    const outcome = await this.outcomeFor(url, altFor({ tag: '', src: url, alt }, alt));
    return { outcome, downloaded: this.downloaded - before };
  }

  private replacement(image: BodyImage, url: string, outcome: ImageOutcome, postTitle: string, keptAsLinks: ReportEntry[]): ImageReplacement {
    if ('media' in outcome) {
      const { media } = outcome;
      return { kind: 'media', path: mediaSitePath(media.storageKey), alt: altFor(image, postTitle), width: media.width, height: media.height };
    }
    const item = `image ${shortened(url)}`;
    if (!keptAsLinks.some((e) => e.item === item)) keptAsLinks.push({ item, reason: outcome.failure });
    return { kind: 'link', url, text: `[图片] ${image.alt || postTitle}` };
  }

  private outcomeFor(url: string, alt: string): Promise<ImageOutcome> {
    let outcome = this.outcomes.get(url);
    if (!outcome) {
      outcome = this.fetchAndStore(url, alt);
      this.outcomes.set(url, outcome);
    }
    return outcome;
  }

  private async fetchAndStore(url: string, alt: string): Promise<ImageOutcome> {
    const { db, storage, fetchImage } = this.deps;
    const mapped = await findMapped(db, this.source, 'image', url);
    const known = mapped === undefined ? undefined : (await findMediaItems(db, [mapped])).get(mapped);
    if (known) return { media: known };
    const host = new URL(url).host;
    const hostFailure = this.failedHosts.get(host);
    if (hostFailure) return { failure: hostFailure };
    try {
      const data = await fetchImage(url);
      const media = await uploadImage({ db, storage }, { data, altText: alt, actor: this.uploader }, this.now);
      await recordMapped(db, this.source, 'image', url, media.id, this.now);
      this.downloaded++;
      return { media };
    } catch (error) {
      const failure = reasonOf(error);
      const failedHost = error instanceof AppError ? error.details?.host : undefined;
      if (error instanceof AppError && HOST_FAILURES.has(error.code) && typeof failedHost === 'string') this.failedHosts.set(failedHost, failure);
      return { failure };
    }
  }
}

/** Every image needs a text alternative: the picture's own, or the post's title. */
function altFor(image: BodyImage, postTitle: string): string {
  return [...(image.alt || `${postTitle} 配图`)].slice(0, MAX_ALT_LENGTH).join('');
}

function absoluteUrl(src: string, baseUrl: string): string | undefined {
  if (!src || src.startsWith('data:')) return undefined;
  try {
    const url = new URL(src, baseUrl || undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const shortened = (url: string) => (url.length > 120 ? `${url.slice(0, 120)}…` : url);
