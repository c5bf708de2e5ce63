import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { conflict } from '../lib/errors.js';
import { type ImportProgress, type ImportReport, reasonOf } from './import-report.js';
import { type ImportDeps, importWordpress } from './import-wordpress.js';

export type ImportJobState = 'uploading' | 'running' | 'finished' | 'failed';

/** An import started from the admin, as its page shows it while it runs and after. */
export interface ImportJob {
  id: string;
  fileName: string;
  startedBy: string;
  state: ImportJobState;
  startedAt: string;
  progress: ImportProgress | null;
  /** Once finished: what was imported, and what was not and why. */
  report: ImportReport | null;
  /** Set when the import itself broke (not a bad item or a bad file: those are in the report). */
  failure: string | null;
}

/** Finished imports kept for their page: enough for the last few, not a history (the audit log is one). */
const KEPT_JOBS = 10;

/**
 * The admin's imports, one at a time per process: an import writes authors,
 * categories and the import map as it goes, and two at once would race for
 * the same names. Kept in memory: after a restart the page says the import
 * is no longer known ('import.not_found'), and what it imported stays.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  /**
   * Takes the one slot before the upload is read, so a second upload is
   * refused at once instead of after minutes of transfer.
   * Throws Conflict 'import.already_running'.
   */
  claim(fileName: string, startedBy: string, now: Date): ImportJob {
    if (this.running()) throw conflict('import.already_running');
    const job: ImportJob = { id: randomUUID(), fileName, startedBy, state: 'uploading', startedAt: now.toISOString(), progress: null, report: null, failure: null };
    this.jobs.set(job.id, job);
    this.forgetOldest();
    return job;
  }

  /** The upload did not arrive: the slot is free again and the job forgotten. */
  release(job: ImportJob): void {
    this.jobs.delete(job.id);
  }

  /**
   * Imports the uploaded file in the background, then deletes it. Returns at
   * once; the job's progress and report are updated as it goes.
   */
  start(job: ImportJob, deps: ImportDeps, file: string, onPublished: () => Promise<void>): void {
    job.state = 'running';
    void this.run(job, deps, file, onPublished);
  }

  find(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** The newest import, running or not: what the import page shows when opened. */
  latest(): ImportJob | undefined {
    return [...this.jobs.values()].at(-1);
  }

  private running(): boolean {
    return [...this.jobs.values()].some((job) => job.state === 'uploading' || job.state === 'running');
  }

  private async run(job: ImportJob, deps: ImportDeps, file: string, onPublished: () => Promise<void>): Promise<void> {
    try {
      const { size } = await stat(file);
      job.report = await importWordpress(deps, {
        file: createReadStream(file),
        totalBytes: size,
        onProgress: (progress) => (job.progress = progress),
        onPublished,
      });
      job.state = 'finished';
    } catch (error) {
      job.failure = reasonOf(error);
      job.state = 'failed';
    } finally {
      await rm(file, { force: true });
    }
  }

  private forgetOldest(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state === 'finished' || job.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(job.id);
  }
}
