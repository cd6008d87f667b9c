// Buffered, synchronous file output (deterministic and bounded: rows are never collected), and the
// RFC 4180 quoting every CSV writer of the sample shares.
import fs from 'node:fs';

const FLUSH_AT = 1 << 20;

export class TextSink {
  readonly path: string;
  #fd: number;
  #parts: string[] = [];
  #pending = 0;
  bytes = 0;

  constructor(path: string) {
    this.path = path;
    this.#fd = fs.openSync(path, 'w');
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#pending += text.length;
    if (this.#pending >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (!this.#parts.length) return;
    const buf = Buffer.from(this.#parts.join(''), 'utf8');
    fs.writeSync(this.#fd, buf);
    this.bytes += buf.length;
    this.#parts = [];
    this.#pending = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.#fd);
  }
}

export type Cell = string | number | boolean | null | undefined;

/** A cell as text: empty for unknown; quoted when it holds a delimiter, a quote or a line break. */
export function csvCell(value: Cell, quoteAll = false): string {
  if (value === null || value === undefined) return quoteAll ? '""' : '';
  const text = typeof value === 'number' ? numberText(value) : String(value);
  return quoteAll || /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Numbers without exponents or locale separators. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`sample: cannot write ${n}`);
  return Number.isInteger(n) ? n.toFixed(0) : String(Math.round(n * 100) / 100);
}

export interface CsvOptions {
  /** ServiceNow quotes every cell and ends lines with CRLF. */
  quoteAll?: boolean;
  eol?: '\n' | '\r\n';
}

export class CsvSink {
  readonly header: readonly string[];
  #out: TextSink;
  #quoteAll: boolean;
  #eol: string;
  rows = 0;

  constructor(path: string, header: readonly string[], opts: CsvOptions = {}) {
    this.header = header;
    this.#out = new TextSink(path);
    this.#quoteAll = opts.quoteAll ?? false;
    this.#eol = opts.eol ?? '\n';
    this.#line(header);
    this.rows = 0;
  }

  #line(cells: readonly Cell[]): void {
    this.#out.write(cells.map((c) => csvCell(c, this.#quoteAll)).join(',') + this.#eol);
    this.rows++;
  }

  row(cells: readonly Cell[]): void {
    if (cells.length !== this.header.length) throw new Error(`sample: ${this.#out.path}: ${cells.length} cells for ${this.header.length} columns`);
    this.#line(cells);
  }

  close(): number {
    this.#out.close();
    return this.#out.bytes;
  }

  get path(): string {
    return this.#out.path;
  }
}
