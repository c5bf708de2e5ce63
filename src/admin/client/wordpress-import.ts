import type { ImportJob } from '../../import/index.js';
import { am } from '../views/admin-messages.js';
import { api } from './api.js';
import { clearErrors, setStatus, showError } from './form-data.js';

const t = am.wordpressImport;

/** How often a running import is asked how far it got. */
const POLL_MS = 1000;

/**
 * The import page: uploads the export, then follows the import until it
 * ends and shows its report. The import runs on the server whatever the
 * page does: opened again, the page follows the newest one.
 */
export function initWordpressImport(): void {
  const root = document.querySelector<HTMLElement>('[data-wordpress-import]');
  if (!root) return;
  const form = root.querySelector('form')!;
  const panel = root.querySelector<HTMLElement>('[data-import-job]')!;
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    setStatus(form, t.uploading, 'busy');
    submit.disabled = true;
    try {
      const job = await api<ImportJob>('POST', '/api/admin/imports/wordpress', new FormData(form));
      setStatus(form, '');
      form.reset();
      void follow(job.id, panel);
    } catch (error) {
      showError(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  if (root.dataset.jobId) void follow(root.dataset.jobId, panel);
}

async function follow(id: string, panel: HTMLElement): Promise<void> {
  for (;;) {
    let job: ImportJob;
    try {
      job = await api<ImportJob>('GET', `/api/admin/imports/${id}`);
    } catch (error) {
      panel.replaceChildren(paragraph(error instanceof Error ? error.message : am.form.serverError));
      return;
    }
    render(job, panel);
    if (job.state === 'finished' || job.state === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function render(job: ImportJob, panel: HTMLElement): void {
  if (job.state === 'uploading' || job.state === 'running') {
    const progress = document.createElement('progress');
    progress.setAttribute('aria-label', t.progressLabel);
    if (job.progress?.totalBytes) {
      progress.max = job.progress.totalBytes;
      progress.value = job.progress.bytes;
    }
    panel.replaceChildren(paragraph(t.running(job.fileName)), progress, ...(job.progress ? [paragraph(t.progress(job.progress))] : []));
    return;
  }
  if (job.state === 'failed' || !job.report) {
    panel.replaceChildren(paragraph(`${t.failed(job.fileName)}${job.failure ?? ''}`, 'notice notice--error'));
    return;
  }
  const report = job.report;
  const headline = report.stoppedBy
    ? paragraph(`${t.stopped(job.fileName)}${report.stoppedBy}`, 'notice notice--error')
    : paragraph(t.finished(job.fileName), 'notice notice--ok');
  panel.replaceChildren(
    headline,
    paragraph(t.counts(report.counts)),
    ...entryTable(t.notImported, report.notImported),
    ...entryTable(t.changed, report.changed),
    ...entryTable(t.imagesKeptAsLinks, report.imagesKeptAsLinks),
  );
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/** One of the report's lists as a table of what and why; nothing when it is empty. */
function entryTable(title: string, entries: Array<{ item: string; reason: string }>): HTMLElement[] {
  if (entries.length === 0) return [];
  const table = document.createElement('table');
  table.className = 'table';
  const caption = table.createCaption();
  caption.textContent = `${title}（${entries.length}）`;
  const head = table.createTHead().insertRow();
  for (const label of [t.item, t.reason]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const entry of entries) {
    const row = body.insertRow();
    row.insertCell().textContent = entry.item;
    row.insertCell().textContent = entry.reason;
  }
  return [table];
}
