// Feedback while ingesting: a progress bar with rows/s on a terminal, plain lines otherwise.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Progress {
  /** A new file. */
  step(label: string): void;
  /** The JavaScript pass over a file's bytes (synchronous: drawn as it goes). */
  scanning(done: number, total: number): void;
  /** Runs a DuckDB query, showing DuckDB's own progress; `rows`, when known, gives rows and rows/s. */
  track<T>(conn: DuckDBConnection, work: Promise<T>, rows?: number): Promise<T>;
  /** A line that stays (file done, warning). */
  line(text: string): void;
  finish(): void;
}

const BAR = 24;
const number = new Intl.NumberFormat('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const tty = Boolean(stream.isTTY) && !quiet;
  let label = '';
  let drawn = false;
  let lastDraw = 0;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  const draw = (fraction: number, detail: string) => {
    const f = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(f * BAR);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${label}  ${detail}`);
    drawn = true;
  };
  return {
    step(text) {
      label = text;
      if (!tty && !quiet) stream.write(`reading ${text}\n`);
    },
    scanning(done, total) {
      const now = performance.now();
      if (!tty || total < 8 << 20 || now - lastDraw < 100) return;
      lastDraw = now;
      draw(done / total, `scanning ${mib(done)} of ${mib(total)}`);
    },
    async track(conn, work, rows) {
      if (!tty) return work;
      const t0 = performance.now();
      const timer = setInterval(() => {
        const pct = conn.progress.percentage;
        if (pct < 0) return;
        const secs = (performance.now() - t0) / 1000;
        const done = rows === undefined ? null : Math.round((rows * pct) / 100);
        draw(pct / 100, done === null ? 'loading' : `${number.format(done)} of ${number.format(rows!)} rows, ${number.format(Math.round(done / Math.max(secs, 0.001)))} rows/s`);
      }, 100);
      try {
        return await work;
      } finally {
        clearInterval(timer);
        clear();
      }
    },
    line(text) {
      if (quiet) return;
      clear();
      stream.write(`${text}\n`);
    },
    finish() {
      clear();
    },
  };
}
