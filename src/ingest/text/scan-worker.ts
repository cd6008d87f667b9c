// The thread scan-ahead.ts starts: scans the files it is given, one after the other, posting each.
import { parentPort, workerData } from 'node:worker_threads';
import { scanCsv } from './csv-scan.ts';
import type { ScanMessage } from './scan-ahead.ts';

for (const file of workerData as string[]) {
  let scan: ScanMessage['scan'] = null;
  try {
    scan = scanCsv(file);
  } catch {
    // The file's own probe scans it again and reports what is wrong.
  }
  parentPort!.postMessage({ file, scan } satisfies ScanMessage);
}
