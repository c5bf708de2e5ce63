/**
 * Quotes a CSV field, and defuses spreadsheet formulas: a cell starting with
 * = + - @ would be run by Excel or WPS when a staff member opens the export.
 */
function csvField(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows as CSV with a byte-order mark, so Excel and WPS open the Chinese text correctly. */
export function csvDocument(header: string[], rows: Array<Array<string | number>>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
