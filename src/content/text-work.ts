import { createWorkerPool, WorkerTaskTimeout } from '../lib/worker-pool.js';
import type { RevisionDiff, RevisionText } from './diff-revision.js';
import { invalid } from '../lib/errors.js';
import { checkBodyLimits } from './body-limits.js';
import type { CleanPasteInput, CleanPasteResult } from './clean-pasted-html.js';
import type { ReprintedPage } from './reprinted-page.js';
import type { SanitizeResult } from './sanitize-body.js';

/** A URL short enough to quote in a message: a data: URL can be megabytes. */
const shortened = (url: string): string => (url.length > 80 ? `${url.slice(0, 80)}…` : url);

/**
 * The longest one task may run. The worst bodies the limits admit sanitize or
 * compare in under a second, and a 5 MB page is read in about four; an input
 * that takes longer is refused rather than holding a thread others wait for.
 */
export const TEXT_WORK_SECONDS = 10;

let pool: ReturnType<typeof createWorkerPool> | undefined;
/** Made on first use, so commands that never sanitize or diff start no thread. */
const textPool = () => (pool ??= createWorkerPool(import.meta.url, './text.worker', { timeoutSeconds: TEXT_WORK_SECONDS }));

/** Runs an export of text.worker.ts. Throws Invalid 'content.too_slow' past TEXT_WORK_SECONDS. */
async function runTextWork<T>(task: unknown, name: string): Promise<T> {
  try {
    return (await textPool().run(task, name)) as T;
  } catch (error) {
    throw error instanceof WorkerTaskTimeout ? invalid('content.too_slow', { maxSeconds: TEXT_WORK_SECONDS }) : error;
  }
}

/**
 * An article body as stored: checked against the size limits, then sanitized
 * in a worker thread. Only `SanitizedBody.of` makes one, so a column never gets
 * raw markup. Made before a transaction opens: SQLite has one connection that
 * writes, and a transaction waiting on the worker would hold it from every other write.
 */
export class SanitizedBody {
  private constructor(readonly html: string) {}

  /** Throws Invalid 'content.body_too_long', 'content.body_too_many_tags', 'content.too_slow' or 'content.foreign_image'. */
  static async of(html: string): Promise<SanitizedBody> {
    checkBodyLimits(html);
    const body = await runTextWork<SanitizeResult>(html, 'sanitizeArticleBody');
    const [foreign] = body.foreignImages;
    // Refused rather than dropped: the editor learns which picture to upload instead of finding it gone.
    if (foreign !== undefined) throw invalid('content.foreign_image', { image: shortened(foreign) });
    return new SanitizedBody(body.html);
  }
}

/** diffRevision, in a worker thread. */
export async function diffRevisionInWorker(before: RevisionText, after: RevisionText): Promise<RevisionDiff> {
  return runTextWork<RevisionDiff>([before, after], 'diffRevisionPair');
}

/**
 * cleanPastedHtml, in a worker thread. The body limits apply as to a saved
 * body: pasted markup larger than that could never be saved anyway.
 */
export async function cleanPasteInWorker(input: CleanPasteInput): Promise<CleanPasteResult> {
  checkBodyLimits(input.html ?? input.text ?? '');
  return runTextWork<CleanPasteResult>(input, 'cleanPastedHtml');
}

/** readReprintedPage, in a worker thread: a news page is megabytes of markup around the article. */
export async function readReprintedPageInWorker(page: { html: string; url: string }): Promise<ReprintedPage | undefined> {
  return runTextWork<ReprintedPage | undefined>(page, 'readReprintedPage');
}
