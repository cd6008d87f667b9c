// The CSV scan (csv-scan.ts) is JavaScript on the main thread, and DuckDB waits while it runs: a
// thread scans the run's CSV files ahead, in order, while the files before them are loaded, and a
// file's probe takes the scan from there once it is done.
import { Worker } from 'node:worker_threads';
import type { CsvScan } from './csv-scan.ts';

export interface ScanAhead {
  /** Resolves once the file's scan ahead is done (at once for a file not scanned ahead). */
  settled(file: string): Promise<void>;
  /** The scan ahead of `file`, if one is done and read it with `delimiter` (default: the one it detected). */
  get(file: string, delimiter?: string): CsvScan | undefined;
  close(): void;
}

/** Posted by scan-worker.ts per file: its scan, or null when it could not be scanned (the probe then says why). */
export interface ScanMessage {
  file: string;
  scan: CsvScan | null;
}

export function scanAhead(files: readonly string[]): ScanAhead {
  const done = new Map<string, CsvScan | null>();
  const ready = new Map(files.map((file) => [file, Promise.withResolvers<void>()]));
  // A thread that fails or stops leaves the files not scanned yet to their probes.
  const giveUp = () => {
    for (const r of ready.values()) r.resolve();
  };
  const worker = files.length ? new Worker(new URL('./scan-worker.ts', import.meta.url), { workerData: files }) : null;
  worker?.unref();
  worker?.on('message', ({ file, scan }: ScanMessage) => {
    done.set(file, scan);
    ready.get(file)?.resolve();
  });
  worker?.on('error', giveUp);
  worker?.on('exit', giveUp);
  return {
    settled: (file) => ready.get(file)?.promise ?? Promise.resolve(),
    get(file, delimiter) {
      const scan = done.get(file);
      // Used once: a scan holds a line table per record with quoted line breaks.
      done.delete(file);
      return scan && (delimiter === undefined || delimiter === scan.delimiter) ? scan : undefined;
    },
    close() {
      worker?.removeAllListeners('message');
      giveUp();
      void worker?.terminate();
    },
  };
}
