import { jsx } from '../../lib/jsx.js';
import { MAX_LEXICON_ENTRIES } from '../../moderation/index.js';
import { type LexiconAction, MAX_TERM_CHARS } from '../../text/index.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';
import { DeleteRowButton, FormStatus, SelectField, TextAreaField, TextField } from './form-fields.js';
import { Pagination, type PageLinks } from './pagination.js';

const t = am.lexicon;
const ACTIONS: LexiconAction[] = ['reject', 'hold', 'flag', 'mask', 'allow'];
const ACTION_OPTIONS = ACTIONS.map((a) => ({ value: a, label: t.actionHelp[a] }));

export interface LexiconRow {
  id: number;
  term: string;
  action: LexiconAction;
  message: string;
}

export interface LexiconPageProps {
  chrome: AdminChrome;
  search: string;
  rows: LexiconRow[];
  /** Entries matching the search (all of them without one). */
  matching: number;
  total: number;
  pages: PageLinks;
}

/** The admins' page: test a text, import a list, and the list itself, 200 entries a page. */
export function LexiconPage(props: LexiconPageProps) {
  return (
    <AdminLayout chrome={props.chrome} wide>
      <p>{t.intro}</p>
      <CheckCard />
      <ImportCard />
      <section class="card" aria-labelledby="lexicon-list-title">
        <h2 class="card__title" id="lexicon-list-title">
          {t.listTitle}
        </h2>
        <form class="lexicon-search" method="get" action="/admin/lexicon" role="search" aria-label={t.search}>
          <TextField name="q" label={t.search} value={props.search} type="search" maxLength={100} />
          <div class="button-row">
            <button type="submit" class="button">
              {t.searchButton}
            </button>
            {props.search && (
              <a class="button button--quiet" href="/admin/lexicon">
                {t.clearSearch}
              </a>
            )}
          </div>
        </form>
        <p class="list-total">{props.search ? t.found(props.matching, props.total) : t.total(props.total)}</p>
        {props.rows.length === 0 ? <p class="empty">{t.empty}</p> : <EntryTable rows={props.rows} />}
        <Pagination links={props.pages} />
      </section>
    </AdminLayout>
  );
}

/** Any staff member's page: only the text check. */
export function TextCheckPage({ chrome }: { chrome: AdminChrome }) {
  return (
    <AdminLayout chrome={chrome}>
      <CheckCard />
    </AdminLayout>
  );
}

function EntryTable({ rows }: { rows: LexiconRow[] }) {
  return (
    <table class="table table--stack lexicon-table">
      <thead>
        <tr>
          <th scope="col">{t.colTerm}</th>
          <th scope="col">{t.colAction}</th>
          <th scope="col">{t.colMessage}</th>
          <th scope="col">{t.colActions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td class="table__title lexicon-table__term">{row.term}</td>
            <td data-label={t.colAction}>
              <span class={`status action--${row.action}`}>{t.actions[row.action]}</span>
            </td>
            <td data-label={t.colMessage}>{row.message}</td>
            <td class="table__actions">
              <DeleteRowButton url={`/api/admin/lexicon/${row.id}`} confirm={t.confirmDelete(row.term)} label={t.deleteLabel(row.term)} text={t.delete} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The text check: the script sends the text and fills the result below the form. */
function CheckCard() {
  return (
    <section class="card" aria-labelledby="lexicon-check-title">
      <h2 class="card__title" id="lexicon-check-title">
        {t.checkTitle}
      </h2>
      <form data-lexicon-check novalidate>
        <TextAreaField id="check-text" name="text" label={t.text} hint={t.checkIntro} value="" rows={5} required />
        <button type="submit" class="button button--primary">
          {t.check}
        </button>
        <FormStatus />
      </form>
      <div class="lexicon-result" data-check-result aria-live="polite" />
    </section>
  );
}

function ImportCard() {
  return (
    <section class="card" aria-labelledby="lexicon-import-title">
      <h2 class="card__title" id="lexicon-import-title">
        {t.importTitle}
      </h2>
      <form data-lexicon-import novalidate>
        <TextAreaField id="import-text" name="text" label={t.importText} hint={t.importHint(MAX_TERM_CHARS, MAX_LEXICON_ENTRIES)} value="" rows={8} required />
        <SelectField id="import-action" name="defaultAction" label={t.defaultAction} value="hold" options={ACTION_OPTIONS} />
        <button type="submit" class="button button--primary">
          {t.import}
        </button>
        <FormStatus />
      </form>
      <div class="lexicon-result" data-import-result aria-live="polite" />
    </section>
  );
}
