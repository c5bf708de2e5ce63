import { jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';

export interface PageLinks {
  page: number;
  /** Undefined when the total is not known (the audit log): then only this page's number is shown. */
  pages: number | undefined;
  previous?: string;
  next?: string;
}

export function Pagination({ links }: { links: PageLinks }) {
  if (!links.previous && !links.next) return null;
  return (
    <nav class="pagination" aria-label={am.list.pagination}>
      {links.previous ? (
        <a class="button" href={links.previous} rel="prev">
          {am.list.previousPage}
        </a>
      ) : (
        <span />
      )}
      <span>{links.pages ? am.list.pageOf(links.page, links.pages) : am.list.pageOnly(links.page)}</span>
      {links.next ? (
        <a class="button" href={links.next} rel="next">
          {am.list.nextPage}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
