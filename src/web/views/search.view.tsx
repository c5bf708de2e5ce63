import type { ShownTime } from '../../lib/china-time.js';
import { Fragment, jsx } from '../../lib/jsx.js';
import type { TextPart } from '../../search/index.js';
import { ui } from '../messages.js';
import { Layout } from './layout.js';
import type { PageMeta, SiteChrome } from './page-model.js';
import { Pagination, type PaginationProps } from './pagination.js';
import { Time } from './time.js';

export interface SearchFilters {
  query: string;
  categorySlug: string;
  from: string;
  to: string;
}

export interface SearchHitView {
  id: number;
  href: string;
  title: TextPart[];
  excerpt: TextPart[];
  categoryName: string | undefined;
  publishedAt: ShownTime;
}

/** What the page found: absent when nothing was asked. */
export type SearchOutcome =
  | { kind: 'empty-query' }
  | { kind: 'no-words' }
  | { kind: 'found'; total: number; more: boolean; hits: SearchHitView[] };

export interface SearchPageProps extends PaginationProps {
  chrome: SiteChrome;
  meta: PageMeta;
  /** The form's address in the page's script. */
  action: string;
  filters: SearchFilters;
  categories: Array<{ slug: string; name: string }>;
  /** Top-level categories to browse when nothing is found. */
  browse: Array<{ name: string; href: string }>;
  outcome: SearchOutcome;
}

export function SearchPage(props: SearchPageProps) {
  const { outcome } = props;
  return (
    <Layout chrome={props.chrome} meta={props.meta}>
      <h1 class="page-title">{ui.searchTitle}</h1>
      <SearchForm {...props} />
      {outcome.kind === 'empty-query' && <p class="empty">{ui.searchEmptyQuery}</p>}
      {outcome.kind === 'no-words' && <NothingFound {...props} message={ui.searchNoWords} />}
      {outcome.kind === 'found' && outcome.total === 0 && <NothingFound {...props} message={ui.searchNothing(props.filters.query)} />}
      {outcome.kind === 'found' && outcome.total > 0 && (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading" class="search-total">
            {ui.searchFound(outcome.total, outcome.more)}
          </h2>
          {outcome.hits.length > 0 ? (
            <ol class="search-results">
              {outcome.hits.map((hit) => (
                <li key={hit.id} class="search-result">
                  <h3 class="search-result__title">
                    <a href={hit.href}>
                      <Marked parts={hit.title} />
                    </a>
                  </h3>
                  <p class="search-result__excerpt">
                    <Marked parts={hit.excerpt} />
                  </p>
                  <p class="article-card__meta">
                    {hit.categoryName && <span>{hit.categoryName}</span>}
                    <Time time={hit.publishedAt} />
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <p class="empty">
              {ui.searchPastTheEnd} <a href={props.pageHref(1)}>{ui.searchFirstPage}</a>
            </p>
          )}
          <Pagination page={props.page} pageCount={props.pageCount} pageHref={props.pageHref} />
        </section>
      )}
    </Layout>
  );
}

/** Text with the searched words in <mark>; every part escaped like any other text. */
function Marked({ parts }: { parts: TextPart[] }) {
  return <>{parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}

function SearchForm({ action, filters, categories }: SearchPageProps) {
  return (
    <form class="search-form" method="get" action={action} role="search">
      <p class="search-form__query">
        <label for="search-q" class="visually-hidden">
          {ui.searchLabel}
        </label>
        <input id="search-q" type="search" name="q" value={filters.query} maxLength={100} placeholder={ui.searchPlaceholder} />
        <button type="submit">{ui.search}</button>
      </p>
      <p class="search-form__filters">
        <label>
          {ui.searchCategory}{' '}
          <select name="c">
            <option value="">{ui.searchAllCategories}</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug} selected={c.slug === filters.categorySlug}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {ui.searchFrom} <input type="date" name="from" value={filters.from} />
        </label>
        <label>
          {ui.searchTo} <input type="date" name="to" value={filters.to} />
        </label>
      </p>
    </form>
  );
}

function NothingFound({ message, browse, filters }: SearchPageProps & { message: string }) {
  const filtered = filters.categorySlug !== '' || filters.from !== '' || filters.to !== '';
  return (
    <section class="search-nothing">
      <p>{message}</p>
      <p>{ui.searchTips}</p>
      <ul>
        <li>{ui.searchTipSpelling}</li>
        <li>{ui.searchTipFewerWords}</li>
        {filtered && <li>{ui.searchTipFilters}</li>}
        <li>
          {ui.searchTipBrowse}
          {browse.map((c) => (
            <a key={c.href} class="search-nothing__category" href={c.href}>
              {c.name}
            </a>
          ))}
        </li>
      </ul>
    </section>
  );
}
