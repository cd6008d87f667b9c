import { describe, expect, it } from 'vitest';
import { fileRows, rejectRows, warningRows } from '../../src/components/data-quality-tables.ts';
import { projectRows, PROJECT_COLUMNS } from '../../src/components/projects-table.ts';
import { capNote, countCell, dateCell, percentCell, shownRows, sortAttribute, TABLE_ROW_CAP, textCell } from '../../src/components/table.ts';
import type { ProjectSummary } from '../../src/report/model.ts';

describe('cells', () => {
  it('show people text and give the sort script the raw value; unknown sorts last', () => {
    expect(countCell(12873)).toEqual({ text: '12,873', sort: 12873 });
    expect(percentCell(0.5)).toEqual({ text: '50%', sort: 0.5 });
    expect(dateCell('2026-04-01')).toEqual({ text: '2026-04-01', sort: '2026-04-01' });
    expect(textCell('x')).toEqual({ text: 'x' });
    expect(sortAttribute(textCell('x'))).toBeUndefined();
    expect(sortAttribute(countCell(0))).toBe('0');
    for (const unknown of [textCell(null), countCell(null), percentCell(null), dateCell(null)]) {
      expect(unknown.text).toBe('—');
      expect(sortAttribute(unknown)).toBe('');
    }
  });
});

describe('long tables', () => {
  it('show their first TABLE_ROW_CAP rows, in the order given, and say so only when rows are left out', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => i);
    expect(shownRows(rows)).toEqual(rows.slice(0, TABLE_ROW_CAP));
    expect(shownRows(rows.slice(0, 12))).toEqual(rows.slice(0, 12));
    expect(capNote(5000)).toBe(`Showing the first ${TABLE_ROW_CAP} of 5,000 rows; the CSV download has all 5,000.`);
    expect(capNote(TABLE_ROW_CAP)).toBeNull();
    expect(capNote(0)).toBeNull();
  });
});

const project: ProjectSummary = {
  id: 'P',
  name: 'Payments',
  portfolio: null,
  program: 'Digital',
  owner: null,
  releases: 4,
  released: 0,
  onTimeRate: null,
  nextRelease: { id: 'R5', name: 'P 5', planned: null },
  workItems: 1500,
  openWorkItems: 20,
};

describe('projects table', () => {
  it('has one cell per column, nulls as a dash, the next release and its date', () => {
    const [row] = projectRows([project]);
    expect(row!.length).toBe(PROJECT_COLUMNS.length);
    expect(row!.map((c) => c.text)).toEqual(['Payments', '—', 'Digital', '4', '0', '—', 'P 5', '—', '20', '1,500']);
    const [dated] = projectRows([{ ...project, nextRelease: { id: 'R5', name: 'P 5', planned: '2026-04-30' } }]);
    expect(dated![7]).toEqual({ text: '2026-04-30', sort: '2026-04-30' });
    expect(projectRows([{ ...project, nextRelease: null }])[0]!.slice(6, 8).map((c) => c.text)).toEqual(['—', '—']);
  });
});

describe('data-quality tables', () => {
  it('name where each reject is: the line, or the JSON pointer', () => {
    const rows = rejectRows([
      { path: 'a.csv', line: 12, pointer: null, entity: 'release', field: 'planned_release', value: '2026-02-30', expected: 'a date' },
      { path: 'b.json', line: null, pointer: '/values/3/releaseDate', entity: 'release', field: null, value: null, expected: 'a date' },
    ]);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['a.csv', 'line 12', 'release', 'planned_release', '2026-02-30', 'a date'],
      ['b.json', '/values/3/releaseDate', 'release', '—', '—', 'a date'],
    ]);
  });

  it('list the files and warnings with their numbers', () => {
    const [file] = fileRows([{ path: 'x.csv', adapter: 'jira-csv', format: 'csv', entities: ['work_item', 'release'], records: 1200, rows: 1199, rejected: 1, encoding: null }]);
    expect(file!.map((c) => c.text)).toEqual(['x.csv', 'jira-csv', 'csv', 'work_item, release', '1,200', '1,199', '1', '—']);
    const [warning] = warningRows([{ path: 'x.csv', code: 'unknown_column', message: 'Column "Foo" is not used', count: 3 }]);
    expect(warning!.map((c) => c.text)).toEqual(['x.csv', 'unknown_column', 'Column "Foo" is not used', '3']);
  });
});
