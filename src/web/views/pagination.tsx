import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';

export interface PaginationProps {
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
}

/** 上一页 / 第 n / m 页 / 下一页, shown only when there is more than one page. */
export function Pagination({ page, pageCount, pageHref }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={ui.pagination}>
      {page > 1 ? (
        <a href={pageHref(page - 1)} rel="prev">
          {ui.previousPage}
        </a>
      ) : (
        <span />
      )}
      <span>{ui.pageOf(page, pageCount)}</span>
      {page < pageCount ? (
        <a href={pageHref(page + 1)} rel="next">
          {ui.nextPage}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
