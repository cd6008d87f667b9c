// CSV files scanned ahead on a thread (src/ingest/text/scan-ahead.ts) must give each probe exactly the
// scan it would have made itself, and never one made with another delimiter.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { scanAhead, type ScanAhead } from '../../src/ingest/text/scan-ahead.ts';
import { scanCsv } from '../../src/ingest/text/csv-scan.ts';
import { writeFixture } from '../helpers/ingest.ts';

let ahead: ScanAhead | null = null;
afterEach(() => ahead?.close());

const dir = writeFixture({
  'lines.csv': 'a,b\n1,"x\ny\nz"\n\n2,"q ""w"""\n3,last\n4,"open',
  'semi.csv': 'a;b;c\n1;2;3\n4;"5;6";7\n',
});
const real = path.resolve('test/fixtures/jira/cloud-csv/Jira.csv');

describe('scanning ahead', () => {
  it('gives the same scans as scanning on the spot, each once', async () => {
    const files = [path.join(dir, 'lines.csv'), path.join(dir, 'semi.csv'), real];
    ahead = scanAhead(files);
    for (const file of files) {
      await ahead.settled(file);
      expect(ahead.get(file)).toEqual(scanCsv(file));
      expect(ahead.get(file)).toBeUndefined();
    }
  });

  it('keeps a scan made with another delimiter than the one asked for', async () => {
    const file = path.join(dir, 'semi.csv');
    ahead = scanAhead([file]);
    await ahead.settled(file);
    expect(ahead.get(file, ',')).toBeUndefined();
  });

  it('leaves files it could not read, and files it was not given, to the probe', async () => {
    const missing = path.join(dir, 'gone.csv');
    ahead = scanAhead([missing]);
    await ahead.settled(missing);
    expect(ahead.get(missing)).toBeUndefined();
    await ahead.settled(real);
    expect(ahead.get(real)).toBeUndefined();
  });

  it('wakes a probe waiting for a file when it is closed before scanning it', async () => {
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, `a,b\n${'1,"two"\n'.repeat(2_000_000)}`);
    ahead = scanAhead([big]);
    const waiting = ahead.settled(big);
    ahead.close();
    await waiting;
    expect(ahead.get(big)).toBeUndefined();
  });
});
