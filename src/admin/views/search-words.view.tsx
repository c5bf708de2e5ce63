import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { DeleteRowButton, FormStatus, TextAreaField } from './form-fields.js';

const t = am.searchWords;

export interface SearchWordsPageProps {
  chrome: AdminChrome;
  words: Array<{ id: number; word: string; addedAt: ShownTime }>;
}

/** The admins' page for the search segmenter's dictionary: add words, see and delete them. */
export function SearchWordsPage({ chrome, words }: SearchWordsPageProps) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{t.intro}</p>
      <section class="card" aria-labelledby="search-words-add-title">
        <h2 class="card__title" id="search-words-add-title">
          {t.addTitle}
        </h2>
        <form data-api-form data-method="POST" data-url="/api/admin/search/words" data-after="reload" novalidate>
          <TextAreaField name="words" label={t.words} hint={t.wordsHint} value="" rows={6} dataType="lines" required />
          <button type="submit" class="button button--primary">
            {t.add}
          </button>
          <FormStatus />
        </form>
      </section>
      <section class="card" aria-labelledby="search-words-list-title">
        <h2 class="card__title" id="search-words-list-title">
          {t.listTitle}
        </h2>
        <p class="list-total">{t.total(words.length)}</p>
        {words.length === 0 ? (
          <p class="empty">{t.empty}</p>
        ) : (
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">{t.colWord}</th>
                <th scope="col">{t.colAdded}</th>
                <th scope="col">{t.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {words.map((w) => (
                <tr key={w.id}>
                  <td class="table__title">{w.word}</td>
                  <td data-label={t.colAdded}>
                    <time dateTime={w.addedAt.iso}>{w.addedAt.text}</time>
                  </td>
                  <td class="table__actions">
                    <DeleteRowButton url={`/api/admin/search/words/${w.id}`} confirm={t.confirmDelete(w.word)} label={t.deleteLabel(w.word)} text={t.delete} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
