import { jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import type { SelectOption } from './admin-model.js';
import { FormStatus, SelectField, TextField } from './form-fields.js';

const t = am.reprint;

/**
 * 从链接转载: the server fetches the original and opens the new draft in
 * the editor (POST /api/admin/articles/reprint). Folded away: most days an
 * editor writes, and the list comes first.
 */
export function ReprintForm({ categories }: { categories: SelectOption[] }) {
  return (
    <details class="reprint-from-link card">
      <summary>{t.open}</summary>
      <form data-api-form data-method="POST" data-url="/api/admin/articles/reprint" data-after="open-article" data-busy={t.busy}>
        <TextField id="f-reprint-url" name="url" label={t.url} hint={t.urlHint} value="" type="url" maxLength={1000} required />
        <SelectField id="f-reprint-category" name="categoryId" label={t.category} value={categories[0]?.value} options={categories} dataType="int" required />
        <div class="button-row">
          <button type="submit" class="button button--primary">
            {t.submit}
          </button>
        </div>
        <FormStatus />
      </form>
    </details>
  );
}
