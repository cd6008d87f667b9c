// The shapes a Jira CSV takes once Excel or a European locale has touched it: BOM, `;` separators,
// UTF-16, Windows-1252, CRLF / mixed / CR line ends — each must give the same rows, on the same lines.
import { describe, expect, it } from 'vitest';
import { ingestFiles, writeFixture } from '../helpers/ingest.ts';

const ROWS = [
  ['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Project key', 'Created', 'Updated', 'Fix versions', 'Labels', 'Labels', 'Description'],
  ['Café crème', 'CAF-1', '1', 'Story', 'To Do', 'CAF', '11/May/24 03:26 PM', '12/May/24 09:00 AM', '1.0', 'a', 'b', 'first line\nsecond "quoted" line; with, separators'],
  ['Naïve fix', 'CAF-2', '2', 'Bug', 'Done', 'CAF', '13/May/24 10:00 AM', '14/May/24 11:15 AM', '1.0.1', '', '', 'plain'],
];

function csv(delimiter: string, eol: (i: number) => string): string {
  const quote = (c: string) => (/[";,\t\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return ROWS.map((r, i) => r.map(quote).join(delimiter) + eol(i)).join('');
}

const lf = () => '\n';
const VARIANTS: Array<[string, Buffer]> = [
  ['UTF-8', Buffer.from(csv(',', lf))],
  ['UTF-8 with BOM', Buffer.from(`\uFEFF${csv(',', lf)}`)],
  ['Excel ; separator with BOM', Buffer.from(`\uFEFF${csv(';', () => '\r\n')}`)],
  ['UTF-16LE with BOM, tab separated (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv('\t', () => '\r\n'), 'utf16le')])],
  ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv(',', lf), 'utf16le').swap16()])],
  ['Windows-1252 (é as 0xE9)', Buffer.from(csv(',', () => '\r\n'), 'latin1')],
  ['CRLF', Buffer.from(csv(',', () => '\r\n'))],
  ['mixed line ends', Buffer.from(csv(',', (i) => (i % 2 ? '\r\n' : '\n')))],
  ['CR line ends', Buffer.from(csv(',', () => '\r'))],
];

describe('Jira CSV quirks', () => {
  it.each(VARIANTS)('%s gives the same rows', async (_name, bytes) => {
    const r = await ingestFiles([writeFixture({ 'Jira.csv': bytes })]);
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.files[0]).toMatchObject({ adapter: 'jira-csv', records: 2, rows: 2, rejected: 0 });
    expect(await r.query('SELECT key, summary, type, status_category, created, updated, release_ids, labels, source_line FROM work_item ORDER BY key')).toEqual([
      {
        key: 'CAF-1', summary: 'Café crème', type: 'story', status_category: 'todo', created: '2024-05-11 15:26:00', updated: '2024-05-12 09:00:00',
        release_ids: ['CAF:1.0'], labels: ['a', 'b'], source_line: 2,
      },
      {
        key: 'CAF-2', summary: 'Naïve fix', type: 'bug', status_category: 'done', created: '2024-05-13 10:00:00', updated: '2024-05-14 11:15:00',
        release_ids: ['CAF:1.0.1'], labels: null, source_line: 4,
      },
    ]);
  });
});
