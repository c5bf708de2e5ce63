import type { ArticleStatus } from '../../content/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, SelectOption } from './admin-model.js';
import { Pagination, type PageLinks } from './pagination.js';
import { SelectField, TextField } from './form-fields.js';

export interface ArticleRow {
  id: number;
  title: string;
  category: string;
  status: ArticleStatus;
  statusName: string;
  author: string;
  updatedAt: ShownTime;
}

export interface ArticleListProps {
  chrome: AdminChrome;
  tabs: Array<{ label: string; href: string; current: boolean }>;
  filters: { status: string; categoryId: string; authorId: string; title: string };
  categories: SelectOption[];
  authors: SelectOption[];
  rows: ArticleRow[];
  total: number;
  pages: PageLinks;
  canCreate: boolean;
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
      <form class="filters" method="get" action="/admin" role="search" aria-label={am.list.filters}>
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
          <a class="button button--quiet" href="/admin">
            {am.list.reset}
          </a>
        </div>
      </form>
      <p class="list-total">{am.list.total(props.total)}</p>
      {props.rows.length === 0 ? <p class="empty">{am.list.empty}</p> : <ArticleTable rows={props.rows} />}
      <Pagination links={props.pages} />
    </AdminLayout>
  );
}

function ArticleTable({ rows }: { rows: ArticleRow[] }) {
  return (
    <table class="table table--stack">
      <thead>
        <tr>
          <th scope="col">{am.list.colTitle}</th>
          <th scope="col">{am.list.colCategory}</th>
          <th scope="col">{am.list.colStatus}</th>
          <th scope="col">{am.list.colAuthor}</th>
          <th scope="col">{am.list.colUpdated}</th>
          <th scope="col">{am.list.colActions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td class="table__title">
              <a href={`/admin/articles/${row.id}/edit`}>{row.title || am.list.untitled}</a>
            </td>
            <td data-label={am.list.colCategory}>{row.category}</td>
            <td data-label={am.list.colStatus}>
              <span class={`status status--${row.status}`}>{row.statusName}</span>
            </td>
            <td data-label={am.list.colAuthor}>{row.author}</td>
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
