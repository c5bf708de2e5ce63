import type { DiffPart, DiffRow } from '../../content/index.js';
import { am } from '../views/admin-messages.js';

const t = am.revisions;
/** Unchanged blocks are folded away in runs longer than this, so the changes are what one scrolls through. */
const UNCHANGED_SHOWN = 2;

/** Added text in <ins>, removed in <del>, each with a spoken word, since screen readers do not announce the tags. */
export function markedText(parts: DiffPart[]): Node[] {
  return parts.map((part) => {
    if (part.kind === 'same') return document.createTextNode(part.text);
    const mark = document.createElement(part.kind === 'added' ? 'ins' : 'del');
    mark.append(Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: part.kind === 'added' ? t.spokenAdded : t.spokenRemoved }), part.text);
    return mark;
  });
}

function cell(parts: DiffPart[] | null, row: DiffRow, column: string): HTMLTableCellElement {
  const td = document.createElement('td');
  // The column's name, shown above each block when the two columns stack on a phone.
  td.dataset.label = column;
  if (!parts) return Object.assign(td, { className: 'diff-cell--missing', textContent: t.missing });
  const kind = t.blockKinds[row.kind];
  if (kind) td.append(Object.assign(document.createElement('span'), { className: 'diff-kind', textContent: `${kind}：` }));
  const empty = parts.every((p) => p.text === '');
  td.append(...(empty && row.kind === 'image' ? [t.imageWithout] : markedText(parts)));
  return td;
}

function rowOf(row: DiffRow, before: string): HTMLTableRowElement {
  const tr = Object.assign(document.createElement('tr'), { className: `diff-row diff-row--${row.change}` });
  tr.append(cell(row.before, row, before), cell(row.after, row, t.afterColumn));
  return tr;
}

/** A row standing for a run of unchanged blocks, with a button that puts them back. */
function folded(rows: HTMLTableRowElement[]): HTMLTableRowElement {
  const tr = Object.assign(document.createElement('tr'), { className: 'diff-row diff-row--folded' });
  const td = Object.assign(document.createElement('td'), { colSpan: 2 });
  const show = Object.assign(document.createElement('button'), { type: 'button', className: 'button button--quiet button--small', textContent: t.showUnchanged(rows.length) });
  show.addEventListener('click', () => {
    tr.replaceWith(...rows);
    // The button is gone: focus goes to the first block it showed, not to the top of the page.
    const first = rows[0]!.cells[0]!;
    first.tabIndex = -1;
    first.focus();
  });
  td.append(show);
  tr.append(td);
  return tr;
}

/**
 * The body side by side: the chosen version on the left, the current one on
 * the right, one row per block (stacked under each other on a phone, each
 * block named by its column). Long runs of unchanged blocks are folded.
 */
export function renderDiffRows(target: HTMLElement, rows: DiffRow[], before: string): void {
  const table = Object.assign(document.createElement('table'), { className: 'diff-table' });
  table.createCaption().append(Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: t.bodyCaption }));
  const head = table.createTHead().insertRow();
  for (const label of [before, t.afterColumn]) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: label }));
  const body = table.createTBody();
  let run: HTMLTableRowElement[] = [];
  const endRun = () => {
    if (run.length > UNCHANGED_SHOWN) body.append(folded(run));
    else body.append(...run);
    run = [];
  };
  for (const row of rows) {
    if (row.change === 'same') {
      run.push(rowOf(row, before));
      continue;
    }
    endRun();
    body.append(rowOf(row, before));
  }
  endRun();
  const unchanged = rows.every((r) => r.change === 'same');
  target.replaceChildren(...(unchanged ? [Object.assign(document.createElement('p'), { className: 'field__hint', textContent: t.noBodyChange })] : []), table);
}
