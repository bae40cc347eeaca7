/**
 * CSV as RFC 4180 writes it (CRLF lines, quotes doubled), readable by spreadsheets. Span and
 * attribute names come from the traced systems, so a cell that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe: exporting a trace must not turn a
 * hostile operation name into a live formula on an engineer's machine.
 */
export type CsvCell = string | number;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(value: CsvCell): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
