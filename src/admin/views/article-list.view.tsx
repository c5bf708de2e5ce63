import type { ArticleStatus } from '../../content/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { Fragment, jsx } from '../../lib/jsx.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { BatchBar } from './batch-bar.js';
import { am } from './admin-messages.js';
import type { AdminChrome, SelectOption } from './admin-model.js';
import { Pagination, type PageLinks } from './pagination.js';
import { ReprintForm } from './reprint-form.js';
import { DeleteRowButton, FormStatus, SelectField, TextField } from './form-fields.js';

export interface ArticleRow {
  id: number;
  title: string;
  category: string;
  status: ArticleStatus;
  statusName: string;
  /** The staff account that wrote it, and the byline readers see: often different people. */
  writer: string;
  byline: string;
  updatedAt: ShownTime;
  publishedAt: ShownTime | null;
  reads: number;
  comments: number;
  /** The 头条 / 推荐 / 置顶 marks it carries, by name. */
  marks: string[];
  /** What the person read, sent with a batch approval so an article edited since is not approved. */
  version: number;
}

/** Which batch actions the signed-in person may take; none shows no checkboxes. */
export interface BatchActions {
  review: boolean;
  edit: boolean;
  deleteDrafts: boolean;
  categories: SelectOption[];
}

export interface ArticleListProps {
  chrome: AdminChrome;
  /** Where the list is: /admin for editors, /admin/articles for those whose /admin is the dashboard. */
  path: string;
  tabs: Array<{ label: string; href: string; current: boolean }>;
  filters: { status: string; categoryId: string; authorId: string; title: string };
  categories: SelectOption[];
  authors: SelectOption[];
  rows: ArticleRow[];
  total: number;
  pages: PageLinks;
  canCreate: boolean;
  batch: BatchActions;
  /** What the last batch did, after the page came back. */
  notice: string | undefined;
  /** 我的筛选, with the one matching this page marked. */
  savedFilters: Array<{ id: number; name: string; href: string; current: boolean }>;
  /** The filters of this page as they are saved; empty when none is set. */
  filterQuery: string;
}

export function ArticleListPage(props: ArticleListProps) {
  const { filters } = props;
  return (
    <AdminLayout chrome={props.chrome} wide>
      {props.canCreate && (
        <p class="page-actions">
          <a class="button button--primary" href="/admin/articles/new">
            {am.nav.newArticle}
          </a>
        </p>
      )}
      {props.canCreate && <ReprintForm categories={props.categories} />}
      <nav class="tabs" aria-label={am.list.statusTabs}>
        <ul>
          {props.tabs.map((tab) => (
            <li key={tab.href}>
              <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form class="filters" method="get" action={props.path} role="search" aria-label={am.list.filters}>
        {filters.status && <input type="hidden" name="status" value={filters.status} />}
        <SelectField
          name="categoryId"
          label={am.list.category}
          value={filters.categoryId}
          options={[{ value: '', label: am.list.allCategories }, ...props.categories]}
        />
        <SelectField name="authorId" label={am.list.author} value={filters.authorId} options={[{ value: '', label: am.list.allAuthors }, ...props.authors]} />
        <TextField name="title" label={am.list.search} value={filters.title} type="search" maxLength={100} />
        <div class="filters__buttons">
          <button type="submit" class="button">
            {am.list.apply}
          </button>
          <a class="button button--quiet" href={props.path}>
            {am.list.reset}
          </a>
        </div>
      </form>
      <SavedFilters filters={props.savedFilters} filterQuery={props.filterQuery} />
      {props.notice && (
        <p class="notice notice--ok" role="status">
          {props.notice}
        </p>
      )}
      <p class="list-total">{am.list.total(props.total)}</p>
      {props.rows.length === 0 ? (
        <p class="empty">{am.list.empty}</p>
      ) : (
        <div data-article-batch>
          {hasBatch(props.batch) && <ArticleBatchBar batch={props.batch} />}
          <ArticleTable rows={props.rows} selectable={hasBatch(props.batch)} />
        </div>
      )}
      <Pagination links={props.pages} />
    </AdminLayout>
  );
}

/** One click back to filters used every day, and a way to keep the ones set now. */
function SavedFilters({ filters, filterQuery }: { filters: ArticleListProps['savedFilters']; filterQuery: string }) {
  if (filters.length === 0 && !filterQuery) return null;
  return (
    <section class="saved-filters" aria-label={t.savedFilters}>
      {filters.length > 0 && (
        <ul class="saved-filters__list">
          {filters.map((filter) => (
            <li key={filter.id}>
              <a href={filter.href} aria-current={filter.current ? 'page' : undefined}>
                {filter.name}
              </a>
              <DeleteRowButton url={`/api/admin/me/saved-filters/${filter.id}`} confirm={t.confirmDeleteFilter(filter.name)} label={t.deleteFilterOf(filter.name)} text={t.deleteFilter} />
            </li>
          ))}
        </ul>
      )}
      {filterQuery && (
        <form class="saved-filters__save" data-api-form data-method="POST" data-url="/api/admin/me/saved-filters" data-after="reload">
          <input type="hidden" name="query" value={filterQuery} />
          <TextField name="name" label={t.saveFilterName} hint={t.saveFilterHint} value="" maxLength={20} />
          <button type="submit" class="button">
            {t.saveFilter}
          </button>
          <FormStatus />
        </form>
      )}
    </section>
  );
}

const hasBatch = (batch: BatchActions) => batch.review || batch.edit || batch.deleteDrafts;
const t = am.list;

/** The bar over the table: what to do with the ticked articles. The page's script sends it (article-batch.ts). */
function ArticleBatchBar({ batch }: { batch: BatchActions }) {
  return (
    <BatchBar label={t.batch} selectAll={t.selectAll} noneSelected={t.selected(0)}>
      {batch.review && (
        <>
          <button type="button" class="button button--primary" data-batch="approve">
            {t.approve}
          </button>
          <button type="button" class="button" data-batch="withdraw">
            {t.withdraw}
          </button>
        </>
      )}
      {batch.edit && (
        <>
          <label class="visually-hidden" for="batch-category">
            {t.moveTo}
          </label>
          <select id="batch-category" data-batch-category>
            <option value="">{t.moveTo}…</option>
            {batch.categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <button type="button" class="button" data-batch="move">
            {t.move}
          </button>
          <label class="visually-hidden" for="batch-mark">
            {t.setMark}
          </label>
          <select id="batch-mark" data-batch-mark>
            <option value="">{t.chooseMark}…</option>
            {t.markOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="button" class="button" data-batch="mark">
            {t.applyMark}
          </button>
        </>
      )}
      {batch.deleteDrafts && (
        <button type="button" class="button button--danger" data-batch="delete">
          {t.deleteDrafts}
        </button>
      )}
    </BatchBar>
  );
}

function ArticleTable({ rows, selectable }: { rows: ArticleRow[]; selectable: boolean }) {
  return (
    <table class="table table--stack">
      <thead>
        <tr>
          {selectable && (
            <th scope="col">
              <span class="visually-hidden">{t.batch}</span>
            </th>
          )}
          <th scope="col">{am.list.colTitle}</th>
          <th scope="col">{am.list.colCategory}</th>
          <th scope="col">{am.list.colStatus}</th>
          <th scope="col">{am.list.colAuthor}</th>
          <th scope="col">{t.colPublished}</th>
          <th scope="col">{t.colReads}</th>
          <th scope="col">{t.colComments}</th>
          <th scope="col">{t.colMarks}</th>
          <th scope="col">{am.list.colUpdated}</th>
          <th scope="col">{am.list.colActions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-article-id={row.id} data-version={row.version}>
            {selectable && (
              <td class="table__select">
                <input type="checkbox" id={`a${row.id}-select`} data-select value={row.id} aria-label={t.selectOne(row.title || t.untitled)} />
              </td>
            )}
            <td class="table__title">
              <a href={`/admin/articles/${row.id}/edit`}>{row.title || am.list.untitled}</a>
            </td>
            <td data-label={am.list.colCategory}>{row.category}</td>
            <td data-label={am.list.colStatus}>
              <span class={`status status--${row.status}`}>{row.statusName}</span>
            </td>
            <td data-label={am.list.colAuthor}>
              {row.writer && <span class="byline-pair">{am.list.writer(row.writer)}</span>}
              {row.byline && <span class="byline-pair">{am.list.byline(row.byline)}</span>}
            </td>
            <td data-label={t.colPublished}>{row.publishedAt ? <Time time={row.publishedAt} /> : t.notPublished}</td>
            <td data-label={t.colReads}>{row.reads}</td>
            <td data-label={t.colComments}>{row.comments}</td>
            <td data-label={t.colMarks}>{row.marks.join(' ')}</td>
            <td data-label={am.list.colUpdated}>
              <Time time={row.updatedAt} />
            </td>
            <td class="table__actions">
              <a href={`/admin/articles/${row.id}/edit`} aria-label={`${am.list.edit}「${row.title}」`}>
                {am.list.edit}
              </a>
              <a href={`/a/${row.id}`} target="_blank" rel="noopener" aria-label={am.list.previewOf(row.title)}>
                {am.list.preview}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
