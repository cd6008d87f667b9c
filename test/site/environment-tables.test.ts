import { describe, expect, it } from 'vitest';
import { demandRows, environmentBookingRows, servedRows, unbookedRows } from '../../src/components/booking-tables.ts';
import { barLayout, markerX } from '../../src/components/cell-bar.ts';
import { conflictColumns, conflictRows, idleRows, idleText, INVENTORY_COLUMNS, inventoryRows, useText } from '../../src/components/environments-table.ts';
import {
  overloadRows, progressBar, progressRows, PROGRESS_COLUMNS, releaseDefectRows, splitProgress, systemDefectRows, teamRows,
} from '../../src/components/quality-tables.ts';
import { bookingRows } from '../../src/components/release-detail-tables.ts';
import type { BookingRow, Conflict, DemandWeek, EnvironmentRow, IdleEnvironment, TestProgress } from '../../src/report/model-environments.ts';
import type { ReleaseRef } from '../../src/report/model-releases.ts';
import { HOSTILE } from './helpers.ts';

const PAGE = 'environments/';
const REL: ReleaseRef = { id: 'R1', slug: 'r1', name: '1.0' };
const label = (r: ReleaseRef) => `P ${r.name}`;
const SIT = { id: 'sit-1', slug: 'sit-1', name: 'SIT 1' };
const text = (rows: Array<Array<{ text: string }>>) => rows.map((r) => r.map((c) => c.text));

const ROW: EnvironmentRow = {
  ...SIT, kind: 'sit', production: false, shared: true, capacity: 2, owner: null, costPerDay: 1200, bookings: 4, approvedBookings: 3, conflicts: 1,
  idleDays: 12, idleCost: 14400, recentUtilization: 0.4567,
};

describe('environment tables', () => {
  it('list each environment, linking to its page, with nulls as a dash', () => {
    const [row] = inventoryRows([ROW], PAGE);
    expect(row).toHaveLength(INVENTORY_COLUMNS.length);
    expect(row![0]).toEqual({ text: 'SIT 1', href: 'sit-1/index.html' });
    expect(row!.map((c) => c.text)).toEqual(['SIT 1', 'sit', 'shared', '2', '—', '1,200', '46%', '4', '1', '12']);
    expect(useText({ production: true, shared: false })).toBe('production');
    expect(useText({ production: false, shared: false })).toBe('dedicated');
    expect(inventoryRows([ROW], '')[0]![0]!.href).toBe('environments/sit-1/index.html');
  });

  const booking = (id: string, over: Partial<BookingRow> = {}): BookingRow => ({
    id, environment: SIT, release: REL, releaseId: 'R1', project: { id: 'P', name: 'Payments' }, purpose: 'SIT', status: 'approved',
    start: '2026-03-09T00:00:00Z', end: '2026-03-28T00:00:00Z', firstDay: '2026-03-09', lastDay: '2026-03-27', days: 19, inConflict: true, ...over,
  });

  it('give a conflict a row per booking, each linking its release or naming the unknown one', () => {
    const conflict: Conflict = {
      environment: SIT, capacity: 1, first: '2026-03-23', last: '2026-03-27', days: 5, peak: 2, releases: [REL], unknownReleaseIds: ['GONE'], projects: [],
      bookings: [booking('A'), booking('B', { release: null, releaseId: 'GONE', project: null, firstDay: '2026-03-23', lastDay: '2026-04-08' })],
    };
    const rows = conflictRows([conflict], PAGE, label, true);
    expect(text(conflictRows([conflict], PAGE, label, false))[0]).toEqual(text(rows)[0]!.slice(1));
    expect(rows[0]).toHaveLength(conflictColumns(true).length);
    expect(text(rows)).toEqual([
      ['SIT 1', '2026-03-23 – 2026-03-27', '5', '2 on 1', 'A', 'P 1.0', 'Payments', '2026-03-09 – 2026-03-27'],
      ['SIT 1', '2026-03-23 – 2026-03-27', '5', '2 on 1', 'B', 'GONE', '—', '2026-03-23 – 2026-04-08'],
    ]);
    expect(rows[0]![5]!.href).toBe('../releases/r1/index.html');
    expect(rows[1]![5]!.href).toBeUndefined();
  });

  it('list bookings with their status and conflict, and the releases an environment serves', () => {
    const page = 'environments/sit-1/';
    const rows = environmentBookingRows([booking('A'), booking('C', { status: 'requested', inConflict: false, purpose: HOSTILE })], page, label);
    expect(text(rows)).toEqual([
      ['A', 'P 1.0', 'Payments', 'SIT', 'approved', '2026-03-09', '2026-03-27', '19', 'in conflict'],
      ['C', 'P 1.0', 'Payments', HOSTILE, 'requested', '2026-03-09', '2026-03-27', '19', '—'],
    ]);
    expect(rows[0]![1]!.href).toBe('../../releases/r1/index.html');
    expect(text(servedRows([{ release: REL, bookings: 2, firstDay: '2026-03-09', lastDay: '2026-04-08' }], page, label))).toEqual([['P 1.0', '2', '2026-03-09', '2026-04-08']]);
  });

  it('sort idle environments by cost, unknown cost last, and describe the idle window', () => {
    const idle = (id: string, idleDays: number, idleCost: number | null): IdleEnvironment => ({
      environment: { id, slug: id, name: id }, kind: 'uat', from: '2026-01-07', to: '2026-03-31', idleDays, costPerDay: idleCost === null ? null : idleCost / idleDays,
      idleCost, lastBooked: null, nextBooked: '2026-04-05',
    });
    const list = [idle('a', 84, null), idle('b', 10, 5000), idle('c', 84, 84000), idle('d', 40, null)];
    expect(idleRows(list, PAGE).map((r) => r[0]!.text)).toEqual(['c', 'b', 'a', 'd']);
    expect(idleText(list[2]!)).toBe('84 days of 84 (2026-01-07 – 2026-03-31), costing 84,000');
    expect(idleText(list[0]!)).toBe('84 days of 84 (2026-01-07 – 2026-03-31)');
    expect(idleText(null)).toBe('—');
  });

  it('give demand per week, the total first then the kinds asked for', () => {
    const week: DemandWeek = {
      week: '2026-W14', monday: '2026-03-30', booked: 192, unbooked: 48, demand: 240, capacity: 1596,
      byKind: [
        { kind: 'dev', booked: 0, unbooked: 0, demand: 0, capacity: 504 },
        { kind: 'perf', booked: 120, unbooked: 168, demand: 288, capacity: 168 },
        { kind: 'uat', booked: 72, unbooked: 0, demand: 72, capacity: 0 },
      ],
    };
    expect(text(demandRows([week], ['perf', 'uat']))).toEqual([
      ['2026-03-30', 'all', '192', '48', '240', '1,596', '15%'],
      ['2026-03-30', 'perf', '120', '168', '288', '168', '171%'],
      ['2026-03-30', 'uat', '72', '0', '72', '0', '—'],
    ]);
    const unbooked = unbookedRows([{ release: REL, phase: 'perf', kind: 'perf', plannedStart: '2026-05-04', plannedEnd: '2026-05-15', hours: 288 }], PAGE, label);
    expect(text(unbooked)).toEqual([['P 1.0', 'perf', 'perf', '2026-05-04', '2026-05-15', '288']]);
  });

  it('link a release page\'s bookings to the environments that have a page', () => {
    const rows = bookingRows(
      [
        { id: 'A', environmentId: 'sit-1', purpose: null, status: 'approved', firstDay: '2026-03-09', lastDay: '2026-03-28' },
        { id: 'B', environmentId: 'gone', purpose: null, status: 'approved', firstDay: '2026-03-09', lastDay: '2026-03-28' },
      ],
      (id) => (id === 'sit-1' ? '../../environments/sit-1/index.html' : undefined),
    );
    expect(rows.map((r) => r[1])).toEqual([{ text: 'sit-1', href: '../../environments/sit-1/index.html' }, { text: 'gone' }]);
  });
});

const progress = (over: Partial<TestProgress>): TestProgress => ({
  release: REL, state: 'in_progress', cycles: 2, plannedStart: '2026-03-01', plannedEnd: '2026-04-10', plannedCases: 200, plannedToDate: 150.4,
  executed: 120, passed: 100, failed: 10, blocked: 30, executionRate: 0.6, passRate: 0.8333, ...over,
});

describe('quality tables', () => {
  it('draw progress as passed, failed, other and blocked shares of the plan, with what is due marked', () => {
    const bar = progressBar(progress({}))!;
    expect(barLayout(bar)).toEqual([
      { x: 0, width: 50, className: 'bar-passed' },
      { x: 50, width: 5, className: 'bar-failed' },
      { x: 55, width: 5, className: 'bar-other' },
      { x: 60, width: 15, className: 'bar-blocked' },
    ]);
    expect(markerX(bar.marker!)).toBe(75.2);
    // More cases than planned never overflow the bar; nothing due draws no rule; no plan, no bar.
    expect(barLayout(progressBar(progress({ plannedCases: 100, passed: 90, failed: 20, executed: 110 }))!).map((p) => p.x + p.width).at(-1)).toBe(100);
    expect(progressBar(progress({ plannedToDate: 0 }))!.marker).toBeUndefined();
    expect(progressBar(progress({ plannedCases: 0 }))).toBeUndefined();
  });

  it('list open releases apart from finished ones, with the bar only where asked', () => {
    const all = [progress({ state: 'released' }), progress({ state: 'overdue' }), progress({ state: 'cancelled' }), progress({ state: 'planned', plannedStart: null, plannedEnd: null })];
    const { open, finished } = splitProgress(all);
    expect(open.map((p) => p.state)).toEqual(['overdue', 'planned']);
    expect(finished.map((p) => p.state)).toEqual(['released', 'cancelled']);
    const rows = progressRows(open, 'quality/', label, true);
    expect(rows[0]).toHaveLength(PROGRESS_COLUMNS.length);
    expect(text(rows)[0]).toEqual(['P 1.0', 'Overdue', '2', '2026-03-01 – 2026-04-10', '200', '150', '120 of 200 (60%)', '100', '10', '30', '83%']);
    expect(rows[1]![3]!.text).toBe('—');
    expect(rows[0]![6]!.bar).toBeDefined();
    expect(progressRows(finished, 'quality/', label, false)[0]![6]!.bar).toBeUndefined();
  });

  it('list overload weeks latest first, and QA capacity per team around today', () => {
    const weeks = [
      { week: '2026-W13', monday: '2026-03-23', demand: 150, capacity: 100, overload: 50 },
      { week: '2026-W14', monday: '2026-03-30', demand: 50, capacity: 100, overload: 0 },
      { week: '2026-W15', monday: '2026-04-06', demand: 90, capacity: 0, overload: 90 },
    ];
    expect(text(overloadRows(weeks))).toEqual([['2026-W15', '2026-04-06', '90', '0', '90'], ['2026-W13', '2026-03-23', '150', '100', '50']]);
    const teams = [{ team: HOSTILE, hours: [60, 40, 0] }];
    expect(text(teamRows({ weeks, capacityByTeam: teams }, 1))).toEqual([[HOSTILE, '40', '40', '2', '2026-W13', '2026-W14']]);
    expect(text(teamRows({ weeks, capacityByTeam: teams }, -1))).toEqual([[HOSTILE, '—', '—', '2', '2026-W13', '2026-W14']]);
  });

  it('give escaped defects and density by release (linked) and by system', () => {
    const scope = { bugs: 8, escaped: 2, deliveredItems: 50, density: 0.16 };
    const rows = releaseDefectRows([{ release: REL, systemIds: ['pay', 'sepa'], ...scope }], 'quality/', label);
    expect(text(rows)).toEqual([['P 1.0', 'pay, sepa', '8', '2', '25%', '50', '0.16']]);
    expect(rows[0]![0]!.href).toBe('../releases/r1/index.html');
    expect(text(systemDefectRows([{ id: 'pay', name: 'Payments', ...scope }, { id: 'x', name: 'x', bugs: 0, escaped: 0, deliveredItems: 0, density: null }]))).toEqual([
      ['Payments (pay)', '8', '2', '25%', '50', '0.16'],
      ['x', '0', '0', '—', '0', '—'],
    ]);
  });
});
