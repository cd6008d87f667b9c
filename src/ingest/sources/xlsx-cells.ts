// The cells of an Excel sheet as the text a CSV export of the same table would hold, so that every CSV
// adapter reads workbooks unchanged: dates as ISO wall-clock times (Excel keeps no time zone), numbers
// as plain decimals, and date columns whose cells were written as bare serial numbers read as dates.
import { ENTITY_NAMES, entityColumns } from '../../model/catalog.ts';
import { SN_DATE_FIELDS, SN_FIELDS } from './servicenow-fields.ts';

/** A number as the workbook stores it (its XML text), kept apart from text cells. */
export interface XlsxNumber {
  number: string;
}

export type XlsxCell = string | boolean | Date | XlsxNumber | null;

export interface SheetTable {
  header: string[];
  rows: string[][];
  /** The spreadsheet row number of each row. */
  lines: number[];
}

const DAY_MS = 86_400_000;
/** Days from Excel's epoch (1899-12-30 in the 1900 date system, leap-year bug included) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Bare numbers read as dates must fall in 1950–2099: an id or a count seldom does, and always all of them. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_051;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`, with ` HH:MM:SS` (and `.mmm`) when the time is not midnight: the day alone is a date. */
export function wallClock(ms: number): string {
  // Serials are binary fractions of a day: a time a millisecond off a whole second is that second.
  const second = Math.round(ms / 1000) * 1000;
  const t = Math.abs(ms - second) <= 1 ? second : ms;
  const d = new Date(t);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (t % DAY_MS === 0) return day;
  const millis = d.getUTCMilliseconds();
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${millis ? `.${pad(millis, 3)}` : ''}`;
}

export const serialToMs = (serial: number) => Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);

/**
 * A stored number as Excel shows it: integers as written, other values to Excel's 15 significant
 * digits (the file may hold 0.30000000000000004 for 0.3), never in exponent notation.
 */
export function plainDecimal(text: string): string {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return t.replace(/^(-?)0+(?=\d)/, '$1');
  const n = Number(t);
  if (!Number.isFinite(n)) return t;
  const [mantissa = '', exp = '0'] = Math.abs(n).toPrecision(15).split('e');
  const [int = '', frac = ''] = mantissa.split('.');
  let digits = int + frac;
  let point = int.length + Number(exp);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  const sign = n < 0 && (whole !== '0' || fraction) ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

const isNumber = (c: XlsxCell): c is XlsxNumber => typeof c === 'object' && c !== null && !(c instanceof Date);

/** Headers that name a date: the model's date fields, ServiceNow's date fields and labels, and "… date", "…_at", "…_on". */
const DATE_HEADERS: ReadonlySet<string> = new Set(
  [
    ...ENTITY_NAMES.flatMap((e) => entityColumns(e).filter((c) => c.kind === 'date' || c.kind === 'instant').map((c) => c.name)),
    ...SN_DATE_FIELDS.flatMap((f) => [f, ...(SN_FIELDS[f] ?? [])]),
  ].map((h) => h.toLowerCase()),
);
export const namesDate = (header: string) => DATE_HEADERS.has(header.trim().toLowerCase()) || /(^|[\s_])(date|at|on)$/i.test(header.trim());

/**
 * Whether the numbers of a column are dates written as serials: the column holds no text, all its
 * numbers are serials of 1950–2099, and either other cells of it are formatted as dates or its header
 * names a date.
 */
function serialColumn(header: string, cells: readonly XlsxCell[]): boolean {
  let numbers = 0;
  let dates = 0;
  for (const c of cells) {
    if (c instanceof Date) dates++;
    else if (isNumber(c)) {
      const n = Number(c.number);
      if (!(n >= SERIAL_MIN && n < SERIAL_MAX)) return false;
      numbers++;
    } else if (c !== null) return false;
  }
  return numbers > 0 && (dates > 0 || namesDate(header));
}

function cellText(c: XlsxCell, serialDate: boolean): string {
  if (c === null) return '';
  if (c instanceof Date) return wallClock(c.getTime());
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  if (typeof c === 'string') return c;
  return serialDate ? wallClock(serialToMs(Number(c.number))) : plainDecimal(c.number);
}

const isBlank = (row: readonly XlsxCell[]) => row.every((c) => c === null);

/**
 * The sheet as a table: its first non-empty row is the header, empty rows are left out, and each row
 * keeps its spreadsheet row number. Null for a sheet with no cells.
 */
export function sheetTable(data: readonly (readonly XlsxCell[])[]): SheetTable | null {
  const headerAt = data.findIndex((row) => !isBlank(row));
  if (headerAt < 0) return null;
  const body: Array<{ cells: readonly XlsxCell[]; line: number }> = [];
  for (let i = headerAt + 1; i < data.length; i++) if (!isBlank(data[i]!)) body.push({ cells: data[i]!, line: i + 1 });
  const width = Math.max(data[headerAt]!.length, ...body.map((r) => r.cells.length));
  const header = Array.from({ length: width }, (_, j) => cellText(data[headerAt]![j] ?? null, false));
  const serial = header.map((h, j) => serialColumn(h, body.map((r) => r.cells[j] ?? null)));
  return {
    header,
    rows: body.map((r) => header.map((_, j) => cellText(r.cells[j] ?? null, serial[j]!))),
    lines: body.map((r) => r.line),
  };
}
