import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { FormStatus, TextField } from './form-fields.js';

const t = am.wordpressImport;

export interface WordpressImportPageProps {
  chrome: AdminChrome;
  maxMegabytes: number;
  /** The newest import of this process, running or done: the page follows it from where it is. */
  latestJobId: string | undefined;
}

/**
 * Admins upload a WordPress export; the page's script follows the import
 * (GET /api/admin/imports/:id) and shows its progress, then its report.
 */
export function WordpressImportPage({ chrome, maxMegabytes, latestJobId }: WordpressImportPageProps) {
  return (
    <AdminLayout chrome={chrome}>
      <div data-wordpress-import data-job-id={latestJobId}>
        <p>{t.intro}</p>
        <form class="card" novalidate>
          <TextField name="file" label={t.file} hint={t.fileHint(maxMegabytes)} value={undefined} type="file" accept=".xml,text/xml,application/xml" required />
          <div class="button-row">
            <button type="submit" class="button button--primary">
              {t.submit}
            </button>
          </div>
          <FormStatus />
        </form>
        <section class="import-job" data-import-job aria-live="polite" />
      </div>
    </AdminLayout>
  );
}
