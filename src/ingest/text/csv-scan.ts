// One fast pass over a UTF-8 CSV file (RFC 4180 quoting) that finds what DuckDB's reader does not
// tell: where each record starts (its line, for provenance and errors), ragged and blank records,
// and an unterminated quote. DuckDB then reads the rows themselves.
import fs from 'node:fs';
import Papa from 'papaparse';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 22;

export interface RaggedRecord {
  line: number;
  fields: number;
}

export interface CsvScan {
  delimiter: string;
  /** Header cells, in file order (repeated names kept). */
  header: string[];
  /** Data records with as many fields as the header: the rows DuckDB keeps, in order. */
  rows: number;
  /** Records with a different number of fields, which DuckDB rejects. */
  ragged: RaggedRecord[];
  raggedCount: number;
  /** The record with the most fields (its first line), if it has more than the header. */
  widest: RaggedRecord | null;
  /**
   * Kept records with more fields than the header, the extra ones all empty (`a,b,` or `a,b,,""`):
   * DuckDB's reader keeps such a record, so the scan counts it as a row too (or every line after it
   * would be off by one) and the stage warns.
   */
  trailingEmpty: number;
  blankLines: number;
  /**
   * Where the line of a kept row stops being `rowIndex + 2`: pairs `[rowIndex, offset]` meaning rows
   * from `rowIndex` on start at line `rowIndex + 2 + offset` (until the next pair).
   */
  lineJumps: Array<[number, number]>;
  /** First line of a quoted field that never closes, if any, and its header name. */
  unterminatedQuoteLine: number | null;
  unterminatedQuoteField: string | null;
  /** Length in bytes of the longest record. */
  maxRecordBytes: number;
}

const MAX_RAGGED_KEPT = 1000;

/** Guesses the delimiter from the header line: the candidate found most often outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let inQuote = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function readHeaderLine(file: string): { text: string; bytes: number } {
  // The header is the first record; quoted header cells may hold newlines, so read until a newline
  // outside quotes.
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 16);
  const parts: Buffer[] = [];
  let inQuote = false;
  let total = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (b === QUOTE) inQuote = !inQuote;
        else if (b === LF && !inQuote) {
          parts.push(Buffer.from(buf.subarray(0, i + 1)));
          total += i + 1;
          return { text: Buffer.concat(parts).toString('utf8'), bytes: total };
        }
      }
      parts.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > 64 << 20) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { text: Buffer.concat(parts).toString('utf8'), bytes: total };
}

export function scanCsv(file: string, forcedDelimiter?: string, onBytes?: (done: number, total: number) => void): CsvScan {
  const { text: headerText, bytes: headerBytes } = readHeaderLine(file);
  const headerLine = headerText.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  const delimiter = forcedDelimiter ?? detectDelimiter(headerLine);
  const parsed = Papa.parse<string[]>(headerLine, { delimiter, header: false });
  const header = (parsed.data[0] ?? []).map((h) => h.trim());
  const delim = delimiter.charCodeAt(0);
  const expected = header.length;
  const special = new Uint8Array(256);
  for (const b of [LF, CR, QUOTE, delim]) special[b] = 1;

  const scan: CsvScan = {
    delimiter, header, rows: 0, ragged: [], raggedCount: 0, widest: null, trailingEmpty: 0, blankLines: 0, lineJumps: [],
    unterminatedQuoteLine: null, unterminatedQuoteField: null, maxRecordBytes: headerBytes,
  };

  let line = 1 + (headerText.match(/\n/g)?.length ?? 0); // line the next record starts on
  let recordLine = line;
  let recordStart = headerBytes;
  let fields = 1;
  let inQuote = false;
  let fieldStart = true;
  let justClosed = false;
  let empty = true;
  let lastFilled = 0; // the field that last held a character other than quotes
  let quoteLine = 0;
  let quoteField = 0;
  let offset = 0;

  const endRecord = (end: number) => {
    if (empty) {
      scan.blankLines++;
    } else if (fields === expected || (fields > expected && lastFilled <= expected)) {
      if (fields > expected) scan.trailingEmpty++;
      const want = recordLine - scan.rows - 2;
      if (want !== offset) {
        scan.lineJumps.push([scan.rows, want]);
        offset = want;
      }
      scan.rows++;
    } else {
      scan.raggedCount++;
      if (scan.ragged.length < MAX_RAGGED_KEPT) scan.ragged.push({ line: recordLine, fields });
    }
    if (fields > expected && fields > (scan.widest?.fields ?? 0)) scan.widest = { line: recordLine, fields };
    if (end - recordStart > scan.maxRecordBytes) scan.maxRecordBytes = end - recordStart;
    fields = 1;
    fieldStart = true;
    justClosed = false;
    empty = true;
    lastFilled = 0;
  };

  const fd = fs.openSync(file, 'r');
  const total = fs.fstatSync(fd).size;
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = headerBytes;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      const view = buf.subarray(0, n);
      // The chunk's next line feed at or after the scan's position (n: none). Kept between quoted
      // cells: searched afresh for each, it was searched up to the end of the record every time
      // (a record's length times its cells: 60 % of a Jira export's scan).
      let nextLf = -1;
      const lfFrom = (from: number) => {
        const j = view.indexOf(LF, from);
        return j === -1 ? n : j;
      };
      for (let i = 0; i < n; i++) {
        if (inQuote) {
          // Skip to the closing quote natively (quoted cells hold most of an export's bytes), counting
          // the lines it spans.
          const q = view.indexOf(QUOTE, i);
          const stop = q === -1 ? n : q;
          if (stop > i) {
            lastFilled = fields;
            if (nextLf < i) nextLf = lfFrom(i);
            for (; nextLf < stop; nextLf = lfFrom(nextLf + 1)) line++;
          }
          if (q === -1) break;
          i = q;
          inQuote = false;
          justClosed = true;
          continue;
        }
        const b = view[i]!;
        if (b === LF) {
          endRecord(pos + i + 1);
          line++;
          recordLine = line;
          recordStart = pos + i + 1;
        } else if (b === delim) {
          fields++;
          fieldStart = true;
          justClosed = false;
          empty = false;
        } else if (b === QUOTE) {
          // A quote opens a quoted field at its start, and `""` inside a quoted field re-enters it;
          // elsewhere it is a plain character.
          if (fieldStart || justClosed) {
            if (fieldStart) {
              quoteLine = line;
              quoteField = fields;
            }
            inQuote = true;
          }
          fieldStart = false;
          justClosed = false;
          empty = false;
        } else if (b !== CR) {
          lastFilled = fields;
          fieldStart = false;
          justClosed = false;
          empty = false;
          // The rest of a run of plain bytes changes nothing more: skip it in a tight loop.
          while (i + 1 < n && special[view[i + 1]!] === 0) i++;
        }
      }
      pos += n;
      onBytes?.(pos, total);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (inQuote) {
    scan.unterminatedQuoteLine = quoteLine;
    scan.unterminatedQuoteField = header[quoteField - 1] ?? `column ${quoteField}`;
  }
  else if (!empty || fields > 1) endRecord(pos);
  return scan;
}

/** The line of kept row `rowIndex` (0-based), from the scan's jumps. */
export function lineOfRow(scan: CsvScan, rowIndex: number): number {
  let offset = 0;
  let lo = 0;
  let hi = scan.lineJumps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, off] = scan.lineJumps[mid]!;
    if (from <= rowIndex) {
      offset = off;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return rowIndex + 2 + offset;
}
