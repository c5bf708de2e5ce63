import { AppError } from '../lib/errors.js';
import { errorMessageFor } from '../messages/error-messages.js';

/** How far an import has got, for a progress bar. */
export interface ImportProgress {
  /** Bytes of the file read, of `totalBytes` (0 when unknown). */
  bytes: number;
  totalBytes: number;
  /** Records read: authors, categories, tags, posts and everything else. */
  items: number;
  articles: number;
  comments: number;
  images: number;
  problems: number;
}

export type OnImportProgress = (progress: ImportProgress) => void;

/** One thing the import did not bring over as it was, and why, in words a person can act on. */
export interface ReportEntry {
  /** What it was: 'post 12「标题」', 'image https://…', 'category news'. */
  item: string;
  reason: string;
}

/** What an import did, printed at its end and written as JSON. */
export interface ImportReport {
  source: string;
  wxrVersion: string;
  startedAt: string;
  finishedAt: string | null;
  /** Set when the file itself stopped the import: what was imported before stays. */
  stoppedBy: string | null;
  counts: {
    authors: number;
    categories: number;
    articles: number;
    comments: number;
    images: number;
    /** Distinct tags the imported articles carry. */
    tags: number;
    /** Found in the map from an earlier run: left as they are. */
    alreadyImported: number;
  };
  /** Items skipped or that failed, each with its reason. */
  notImported: ReportEntry[];
  /** Imported, but not quite as they were (held as a draft, a category moved up a level). */
  changed: ReportEntry[];
  /** Images that could not be downloaded: kept as links in the text. */
  imagesKeptAsLinks: ReportEntry[];
}

export function newImportReport(now: Date): ImportReport {
  return {
    source: '',
    wxrVersion: '',
    startedAt: now.toISOString(),
    finishedAt: null,
    stoppedBy: null,
    counts: { authors: 0, categories: 0, articles: 0, comments: 0, images: 0, tags: 0, alreadyImported: 0 },
    notImported: [],
    changed: [],
    imagesKeptAsLinks: [],
  };
}

/** An error as the report says it: ours in their Chinese message, anything else as it is (the operator reads it). */
export function reasonOf(error: unknown): string {
  if (error instanceof AppError) return errorMessageFor(error.code, error.details);
  return error instanceof Error ? error.message : String(error);
}

/** The report as lines for a terminal: counts first, then each problem. */
export function reportLines(report: ImportReport): string[] {
  const c = report.counts;
  const lines = [
    `imported ${c.articles} articles, ${c.comments} comments, ${c.images} images, ${c.categories} categories, ${c.tags} tags, ${c.authors} authors` +
      (c.alreadyImported > 0 ? `; ${c.alreadyImported} were imported before and left as they are` : ''),
  ];
  const section = (title: string, entries: ReportEntry[]) => {
    if (entries.length === 0) return;
    lines.push(`${title} (${entries.length}):`);
    for (const e of entries) lines.push(`  ${e.item}: ${e.reason}`);
  };
  section('not imported', report.notImported);
  section('imported with changes', report.changed);
  section('images not downloaded, kept as links', report.imagesKeptAsLinks);
  if (report.stoppedBy) lines.push(`stopped: ${report.stoppedBy}`);
  return lines;
}
