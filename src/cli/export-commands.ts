import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type ExportKind, type ExportStep, exportSite, importSiteExport, WXR_FILE } from '../export/index.js';
import { systemClock } from '../lib/clock.js';
import { openStorage } from '../media/index.js';
import { getSiteSettings } from '../site/index.js';
import { CliError } from './cli-error.js';
import { progressDisplay } from './progress-display.js';

const EXPORT_PHASES: Record<ExportStep['phase'], string> = { media: 'media files', articles: 'articles' };
const IMPORT_PHASES: Record<ExportKind, string> = {
  users: 'staff accounts',
  media: 'media files',
  categories: 'categories',
  tags: 'tags',
  settings: 'settings',
  readers: 'readers',
  articles: 'articles',
  comments: 'comments',
  topics: '专题',
  ads: 'ads',
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `npx bendi export DIR`: writes the export and returns the lines that say what is in it. */
export async function exportSiteTo(config: Config, db: Db, dir: string, options: { withSecrets: boolean; withRevisions: boolean }): Promise<string[]> {
  const settings = await getSiteSettings(db);
  // Links and image addresses in the WordPress file need the site's address: PUBLIC_URL, or the domain its footer names.
  const baseUrl = (config.publicUrl ?? (settings.siteDomain ? `https://${settings.siteDomain}` : 'http://localhost')).replace(/\/+$/, '');
  const progress = progressDisplay(process.stderr, EXPORT_PHASES);
  const started = Date.now();
  let outcome;
  try {
    outcome = await exportSite({ db, storage: await openStorage(config.mediaStorage), clock: systemClock }, { dir, baseUrl, ...options, onStep: progress.onStep });
  } finally {
    progress.stop();
  }
  const c = outcome.manifest.counts;
  const lines = [
    `exported ${c.articles} articles, ${c.comments} comments, ${c.categories} categories, ${c.tags} tags, ${c.settings} settings, ${c.readers} readers, ${c.users} staff accounts, ${c.topics} 专题, ${c.ads} ads and ${c.media} images (${c.mediaFiles} files) to ${path.resolve(dir)}: ${megabytes(outcome.bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `the WordPress file (WXR 1.2, links to ${baseUrl}) is ${path.join(path.resolve(dir), WXR_FILE)}`,
    outcome.manifest.withSecrets
      ? 'the settings include secrets (SMS keys, push tokens): keep this export as safe as the server itself'
      : 'secrets (SMS keys, push tokens) were left out; "--with-secrets" includes them',
  ];
  if (outcome.missingFiles.length > 0) lines.push(`media files missing from the store, not exported (${outcome.missingFiles.length}): ${outcome.missingFiles.join(', ')}`);
  return lines;
}

/**
 * `npx bendi import bendi DIR`: imports, prints what it did and what it
 * could not import, and writes that as JSON next to the export.
 */
export async function importSiteExportFrom(config: Config, db: Db, dir: string, reportPath?: string): Promise<string[]> {
  const progress = progressDisplay(process.stderr, IMPORT_PHASES);
  let report;
  try {
    report = await importSiteExport({ db, storage: await openStorage(config.mediaStorage), clock: systemClock }, { dir, onStep: progress.onStep });
  } finally {
    progress.stop();
  }
  const target = reportPath ?? `${path.resolve(dir).replace(/\/+$/, '')}.import-report.json`;
  await writeFile(target, `${JSON.stringify(report, null, 2)}\n`).catch((error: Error) => {
    throw new CliError(`imported, but cannot write the report to ${target}: ${error.message}`);
  });
  const c = report.counts;
  const lines = [
    `imported ${c.articles} articles, ${c.comments} comments, ${c.categories} categories, ${c.tags} tags, ${c.settings} settings, ${c.readers} readers, ${c.users} staff accounts, ${c.topics} 专题, ${c.ads} ads and ${c.media} images` +
      (c.alreadyImported > 0 ? `; ${c.alreadyImported} were imported before and left as they are` : ''),
  ];
  if (report.notImported.length > 0) {
    lines.push(`not imported (${report.notImported.length}):`, ...report.notImported.map((e) => `  ${e.item}: ${e.reason}`));
  }
  if (report.changed.length > 0) lines.push(`imported with changes (${report.changed.length}):`, ...report.changed.map((e) => `  ${e.item}: ${e.reason}`));
  lines.push(`the report is in ${target}`);
  return lines;
}
