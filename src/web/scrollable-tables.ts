import { ui } from './messages.js';

const TABLE_TAG = /<table\b[^>]*>|<\/table>/g;

/**
 * Puts each table of a body in a region that scrolls sideways (site.css),
 * so a table wider than a phone scrolls inside the article rather than
 * widening the page. The region takes keyboard focus, so it can be scrolled
 * with the arrow keys too, and is named for screen readers, which announce
 * the focus. The body was sanitized when saved: its tags are balanced and a
 * "<table" in its text is escaped.
 */
export function scrollableTables(html: string): string {
  let count = 0;
  return html.replace(TABLE_TAG, (tag) =>
    tag === '</table>' ? '</table></div>' : `<div class="article__table" role="region" tabindex="0" aria-label="${ui.tableRegion(++count)}">${tag}`,
  );
}
