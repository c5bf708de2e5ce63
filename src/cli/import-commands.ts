import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { importWordpress, reportLines } from '../import/index.js';
import { systemClock } from '../lib/clock.js';
import { imageFetcher, openStorage } from '../media/index.js';
import { LexiconService } from '../moderation/index.js';
import { CliError } from './cli-error.js';
import { importProgressDisplay } from './import-progress-display.js';

/** Where the JSON report goes unless named: next to the export, so it is found with it. */
export const defaultReportPath = (file: string) => `${file.replace(/\.xml$/i, '')}.import-report.json`;

/**
 * `npx bendi import wordpress FILE`: imports, prints the report, and writes it
 * as JSON. Returns the report's lines; throws a CliError (exit 1) after writing
 * the report when the file stopped the import half-way.
 */
export async function importWordpressFile(config: Config, db: Db, file: string, reportPath = defaultReportPath(file)): Promise<string[]> {
  const { size } = await stat(file).catch(() => {
    throw new CliError(`cannot read ${file}: name a WordPress export file (WXR), as written by WordPress's Tools → Export`);
  });
  const progress = importProgressDisplay(process.stderr);
  let report;
  try {
    report = await importWordpress(
      {
        db,
        storage: await openStorage(config.mediaStorage),
        screen: await new LexiconService(db, systemClock).screener(),
        fetchImage: imageFetcher(),
        clock: systemClock,
      },
      { file: createReadStream(file), totalBytes: size, onProgress: progress.onProgress },
    );
  } finally {
    progress.stop();
  }
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const lines = [...reportLines(report), `the report is in ${path.resolve(reportPath)}`];
  if (report.stoppedBy) throw new CliError(lines.join('\n'));
  return lines;
}
