// The CSV of every download the site offers (a table's rows, a chart's data), encoded in one place:
// RFC 4180 fields, UTF-8 with a byte-order mark and CRLF line ends (so Excel opens accents and
// line breaks right), and text a spreadsheet would run as a formula neutralised (CSV injection).
import type { Cell, Column } from './table.ts';

/** A field: text, a plain number (written as JavaScript writes it: `0.25`, `-3`), or empty. */
export type CsvValue = string | number | null;

const BOM = '\uFEFF';
/** What makes a spreadsheet read a text field as a formula (OWASP, "CSV injection"). */
const FORMULA = /^[=+\-@\t\r]/;

/** The text with a leading `'` when a spreadsheet would take it for a formula. */
export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

// Numbers are never neutralised: a negative number must stay a number to sum. Only text can carry a formula.
function field(value: CsvValue): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value === null ? '' : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: the header line, then a line per row, every line ended by CRLF. */
export function encodeCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return BOM + [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

/**
 * A table cell in a CSV: in a `number` column, the number it sorts by (0.25 for "25%", empty when
 * unknown), so the file computes; anywhere else the text the reader sees: a list's items joined by
 * ", ", and the small note under the text (a team, a reason) on a second line, as in the table.
 */
export function cellValue(cell: Cell, column: Column | undefined): CsvValue {
  if (column?.kind === 'number' && (typeof cell.sort === 'number' || cell.sort === null)) return cell.sort;
  const text = cell.list ? cell.list.map((item) => item.text).join(', ') : cell.text;
  return cell.note === undefined ? text : `${text}\n${cell.note}`;
}

/** A DataTable's CSV: its column labels, then its rows in the order they are built (not as sorted on screen). */
export function tableCsv(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return encodeCsv(columns.map((c) => c.label), rows.map((row) => row.map((cell, i) => cellValue(cell, columns[i]))));
}
