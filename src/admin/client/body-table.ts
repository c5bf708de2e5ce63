import { mergeAttributes, type Node } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/**
 * Cells keep what the server's sanitizer keeps (sanitize-body.ts): colspan
 * and rowspan, written only when a cell spans more than one. TipTap's column
 * widths and alignment would be inline styles, which the sanitizer removes,
 * so they are not read from pasted tables either.
 */
function plainCell<Options, Storage>(cell: Node<Options, Storage>) {
  return cell.extend({
    addAttributes() {
      const span = (name: 'colspan' | 'rowspan') => ({
        default: 1,
        parseHTML: (element: HTMLElement) => Number(element.getAttribute(name)) || 1,
        renderHTML: (attributes: Record<string, unknown>) => (Number(attributes[name]) > 1 ? { [name]: attributes[name] } : {}),
      });
      return { colspan: span('colspan'), rowspan: span('rowspan'), colwidth: { default: null, parseHTML: () => null, renderHTML: () => ({}) } };
    },
  });
}

/**
 * A table written as <table><tbody><tr><th>/<td>, nothing else: no colgroup,
 * no width styles, no resizing. A header row is a row of <th> cells, which
 * readers' screen readers announce as headers. (ProseMirror's table has its
 * rows directly inside, so a pasted <thead> comes back as the first rows of
 * the <tbody>.)
 */
const BodyTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    return ['table', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['tbody', 0]];
  },
}).configure({ resizable: false, View: null });

export const TABLE_EXTENSIONS = [BodyTable, TableRow, plainCell(TableHeader), plainCell(TableCell)];
