// Dates of Jira CSV exports: the instance's format found per file, day/month order settled by the
// config (and said), the configured time zone, and impossible dates rejected with their line.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { config } from './jira-helpers.ts';

const HEADER = 'Issue key,Summary,Status,Created,Updated,Description';
const file = (...rows: string[]) => writeFixture({ 'Jira.csv': [HEADER, ...rows].join('\n') + '\n' });
const dates = 'SELECT key, created, updated FROM work_item ORDER BY key';

describe('Jira CSV date formats', () => {
  it.each([
    ['Jira default dd/MMM/yy h:mm a', '11/May/24 03:26 PM', '3/Nov/20 9:05 AM', '2024-05-11 15:26:00', '2020-11-03 09:05:00'],
    ['Jira 24-hour', '11/May/24 15:26', '3/Nov/20 12:17', '2024-05-11 15:26:00', '2020-11-03 12:17:00'],
    ['ISO 8601, with and without offset', '2024-05-11T17:26:00.000+0200', '2020-11-03 12:17', '2024-05-11 15:26:00', '2020-11-03 12:17:00'],
    ['US locale M/d/yyyy H:mm', '6/21/2025 16:14', '5/11/2024 15:26', '2025-06-21 16:14:00', '2024-05-11 15:26:00'],
    ['US locale with a two-digit year', '6/21/25 4:14 PM', '5/11/24 3:26 PM', '2025-06-21 16:14:00', '2024-05-11 15:26:00'],
    ['German dd.MM.yyyy HH:mm', '21.06.2025 16:14', '11.05.2024 15:26', '2025-06-21 16:14:00', '2024-05-11 15:26:00'],
  ])('%s', async (_name, created, updated, wantCreated, wantUpdated) => {
    const r = await ingestFiles([file(`A-1,One,Open,${created},${updated},`)]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings.filter((w) => w.code !== 'unmapped-value')).toEqual([]);
    expect(await r.query(dates)).toEqual([{ key: 'A-1', created: wantCreated, updated: wantUpdated }]);
  });

  it('reads times in the configured time zone', async () => {
    const r = await ingestFiles([file('A-1,One,Open,22/Sep/25 9:26 AM,22/Dec/25 9:26 AM,')], { config: config({ timeZone: 'Europe/Paris' }) });
    expect(await r.query(dates)).toEqual([{ key: 'A-1', created: '2025-09-22 07:26:00', updated: '2025-12-22 08:26:00' }]);
  });
});

describe('Jira CSV day/month ambiguity', () => {
  const ambiguous = () => file('A-1,One,Open,03/04/2025 10:00,05/06/2025 11:00,', 'A-2,Two,Open,01/02/2025 09:00,01/02/2025 09:30,');

  it('reads month first by default, and says so', async () => {
    const r = await ingestFiles([ambiguous()]);
    expect(await r.query(dates)).toEqual([
      { key: 'A-1', created: '2025-03-04 10:00:00', updated: '2025-05-06 11:00:00' },
      { key: 'A-2', created: '2025-01-02 09:00:00', updated: '2025-01-02 09:30:00' },
    ]);
    const warning = r.summary.warnings.find((w) => w.code === 'ambiguous-date');
    expect(warning?.message).toBe(
      'Created, Updated: no value shows whether the day or the month comes first; read month first (MM/dd), the default, as the config does not set "dayFirst", as MM/dd/yyyy HH:mm. Set "dayFirst": true in the config (or in a "sources" rule for this file) if that is wrong.',
    );
  });

  it('honours the config\'s dayFirst, and a file rule\'s', async () => {
    for (const cfg of [{ dayFirst: true }, { dayFirst: false, sources: [{ match: '*.csv', dayFirst: true }] }]) {
      const r = await ingestFiles([ambiguous()], { config: config(cfg) });
      expect(await r.query(dates)).toEqual([
        { key: 'A-1', created: '2025-04-03 10:00:00', updated: '2025-06-05 11:00:00' },
        { key: 'A-2', created: '2025-02-01 09:00:00', updated: '2025-02-01 09:30:00' },
      ]);
      expect(r.summary.warnings.find((w) => w.code === 'ambiguous-date')?.message).toMatch(/read day first \(dd\/MM\), as the config's "dayFirst" says, as dd\/MM\/yyyy HH:mm\. Set "dayFirst": false/);
    }
  });

  it('needs no setting when one day is above 12', async () => {
    const r = await ingestFiles([file('A-1,One,Open,03/04/2025 10:00,25/04/2025 11:00,')]);
    expect(r.summary.warnings.filter((w) => w.code === 'ambiguous-date')).toEqual([]);
    expect(await r.query(dates)).toEqual([{ key: 'A-1', created: '2025-04-03 10:00:00', updated: '2025-04-25 11:00:00' }]);
  });
});

describe('Jira CSV impossible dates', () => {
  it('rejects the row, naming its physical line, the column, the value and the format', async () => {
    const r = await ingestFiles(
      [file('A-1,One,Open,28/Feb/23 9:26 AM,1/Mar/23 9:00 AM,"two', 'lines"', 'A-2,Two,Open,29/Feb/23 9:26 AM,1/Mar/23 9:00 AM,', 'A-3,Three,Open,1/Mar/23 10:00 AM,,')],
      { maxRejectRatio: 1 },
    );
    expect(r.summary.ok).toBe(true);
    expect(r.summary.files[0]).toMatchObject({ records: 3, rows: 2, rejected: 1 });
    expect(r.summary.rejects).toEqual([
      { path: expect.stringMatching(/Jira\.csv$/), line: 4, pointer: null, field: 'Created', value: '29/Feb/23 9:26 AM', expected: 'a date and time like dd/MMM/yy h:mm a' },
    ]);
    expect(await r.query('SELECT key FROM work_item ORDER BY key')).toEqual([{ key: 'A-1' }, { key: 'A-3' }]);
  });

  it('fails the run above the reject ratio, leaving no database', async () => {
    const r = await ingestFiles([file('A-1,One,Open,29/Feb/23 9:26 AM,,', 'A-2,Two,Open,1/Mar/23 9:26 AM,,')]);
    expect(r.summary.ok).toBe(false);
    expect(r.summary.errors[0]).toMatch(/Jira\.csv: 1 of 2 records rejected \(50\.0%\)/);
  });
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
/** Writers of the forms Jira exports use, each over the UTC parts of an instant. */
const FORMS: Record<string, (d: Date, padHour: boolean) => string> = {
  jira12: (d, p) => {
    const h = d.getUTCHours() % 12 || 12;
    return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCFullYear() % 100)} ${p ? pad(h) : h}:${pad(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  },
  jira24: (d) => `${d.getUTCDate()}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  usLocale: (d, p) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${p ? pad(d.getUTCHours()) : d.getUTCHours()}:${pad(d.getUTCMinutes())}`,
  iso: (d) => d.toISOString(),
};

describe('Jira CSV dates, round trip', () => {
  it('reads back exactly any instant written in a Jira form', async () => {
    const minute = 60_000;
    const from = Date.UTC(2000, 0, 1) / minute;
    const to = Date.UTC(2049, 11, 31) / minute;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FORMS)),
        fc.boolean(),
        fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 8 }),
        async (form, padHour, minutes) => {
          const instants = minutes.map((m) => new Date(m * minute));
          const rows = instants.map((d, i) => `A-${i + 1},Row,Open,${FORMS[form]!(d, padHour)},,`);
          const r = await ingestFiles([file(...rows)]);
          const got = await r.query<{ created: string }>('SELECT created FROM work_item ORDER BY split_part(key, \'-\', 2)::INTEGER');
          expect(got.map((g) => g.created)).toEqual(instants.map((d) => d.toISOString().slice(0, 19).replace('T', ' ')));
        },
      ),
      { numRuns: 15, seed: 20240511 },
    );
  });
});
