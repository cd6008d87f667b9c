// Feedback while ingesting: a progress bar with rows/s on a terminal, plain lines otherwise.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Progress {
  /** A new step (reading a file); `total` in bytes when known. */
  step(label: string): void;
  /** Runs `work` while showing DuckDB's own progress for the running query. */
  track<T>(conn: DuckDBConnection, work: Promise<T>): Promise<T>;
  /** A line that stays (file done, warning). */
  line(text: string): void;
  finish(): void;
}

const BAR = 24;
const fmt = new Intl.NumberFormat('en-US');

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const tty = Boolean(stream.isTTY) && !quiet;
  let label = '';
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  const draw = (pct: number, rows: number, secs: number) => {
    const filled = Math.round((Math.max(0, Math.min(100, pct)) / 100) * BAR);
    const rate = secs > 0 ? `${fmt.format(Math.round(rows / secs))} rows/s` : '';
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${pct.toFixed(0).padStart(3)}% ${label} ${fmt.format(rows)} rows ${rate}`);
    drawn = true;
  };
  return {
    step(text) {
      label = text;
      if (!tty && !quiet) stream.write(`reading ${text}\n`);
    },
    async track(conn, work) {
      if (!tty) return work;
      const t0 = performance.now();
      const timer = setInterval(() => {
        const p = conn.progress;
        if (p.percentage >= 0) draw(p.percentage, Number(p.rows_processed), (performance.now() - t0) / 1000);
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
