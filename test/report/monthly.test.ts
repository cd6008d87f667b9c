// Known answers for the monthly status pages (docs/metrics.md#monthly-status): deltas and 3-month
// averages on a hand-made metrics list, the freeze rule at its grace-day boundary, the two KPI metrics
// only this family writes, snapshots written, read back, refused when damaged, and refrozen on purpose.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/metrics/types.ts';
import { incidentMetrics, utilizationByMonth } from '../../src/metrics/monthly-kpis.ts';
import { occupancy } from '../../src/metrics/environments.ts';
import { addMonths, allScope, monthlyKpis, type MonthlyInputs } from '../../src/report/monthly-page.ts';
import { freezesAfter, monthlySection, monthPhase, readMonthlySnapshot, writeMonthlySnapshot } from '../../src/report/monthly-snapshots.ts';
import { statusSnapshot, writeStatusSnapshot } from '../../src/report/status-history.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { FIXTURES, tempDir } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

const row = (metric: string, period: string, value: number | null, unit: MetricRow['unit'] = 'ratio', detail = 'basis: A, B'): MetricRow =>
  ({ metric, scope_kind: 'all', scope_id: '*', period, value, unit, detail });

describe('headline numbers against the previous month and the 3-month average', () => {
  const metrics: MetricRow[] = [
    row('releases.on_time_rate', '2025-11', 0.5), row('releases.on_time_rate', '2025-12', 0.6), row('releases.on_time_rate', '2026-01', 0.7),
    row('releases.on_time_rate', '2026-02', 0.8, 'ratio', '4 of 5 on or before plan'),
    // A busier scope's row must not be read: only scope `all`.
    { ...row('releases.on_time_rate', '2026-02', 0.1), scope_kind: 'project', scope_id: 'P1' },
    row('releases.count_released', '2026-01', 4, 'count'), row('releases.count_released', '2026-02', 6, 'count'),
    row('releases.count_released', '2025-12', 0, 'count'), row('releases.count_released', '2025-11', 3, 'count'),
    // No slip in January (nothing shipped with a plan): the average is over the two months that have one.
    row('releases.slip_days_median', '2025-11', 4, 'days'), row('releases.slip_days_median', '2025-12', 1, 'days'), row('releases.slip_days_median', '2026-02', 2, 'days'),
    row('delivery.recovery_hours_median', '2026-02', 12.5, 'hours'),
  ];
  const kpis = Object.fromEntries(monthlyKpis(allScope(metrics), '2026-02').map((k) => [k.metric, k]));

  it('compares with the month before and the mean of the three before (not the month itself)', () => {
    expect(kpis['releases.on_time_rate']).toMatchObject({ value: 0.8, previous: 0.7, vsPrevious: 0.1, average: 0.6, averageOf: 3, vsAverage: 0.2, basis: '4 of 5 on or before plan', better: 'higher' });
    // (4 + 0 + 3) ÷ 3 = 2.33: a month without releases counts as 0, it has a row.
    expect(kpis['releases.count_released']).toMatchObject({ value: 6, previous: 4, vsPrevious: 2, average: 2.33, averageOf: 3, vsAverage: 3.67 });
  });

  it('averages over the months that have a value, and says how many', () => {
    expect(kpis['releases.slip_days_median']).toMatchObject({ value: 2, previous: null, vsPrevious: null, average: 2.5, averageOf: 2, vsAverage: -0.5, better: 'lower' });
    expect(kpis['delivery.recovery_hours_median']).toMatchObject({ value: 12.5, previous: null, average: null, averageOf: 0, vsAverage: null });
    expect(kpis['incidents.count']).toMatchObject({ value: null, basis: null, vsPrevious: null });
    expect(kpis['environments.utilization']!.better).toBeNull();
  });

  it('steps months across years', () => {
    expect([addMonths('2026-01', -1), addMonths('2025-12', 1), addMonths('2026-03', -3), addMonths('2026-02', 11)]).toEqual(['2025-12', '2026-01', '2025-12', '2027-01']);
  });
});

describe('the freeze rule', () => {
  it('freezes a month with the first as-of date after its last day plus the grace days', () => {
    expect(freezesAfter('2026-02', 5)).toBe('2026-03-05');
    expect(freezesAfter('2028-02', 5)).toBe('2028-03-05');
    expect(freezesAfter('2026-12', 5)).toBe('2027-01-05');
    expect(['2026-02-01', '2026-02-28', '2026-03-01', '2026-03-05', '2026-03-06'].map((d) => monthPhase('2026-02', d, 5)))
      .toEqual(['open', 'open', 'closing', 'closing', 'closed']);
    expect(['2026-02-28', '2026-03-01'].map((d) => monthPhase('2026-02', d, 0))).toEqual(['open', 'closed']);
  });
});

describe('incidents.count and environments.utilization of scope all', () => {
  it('counts incidents per month of opening on the time zone calendar, empty months included', () => {
    const rows = incidentMetrics([
      { number: 'I1', priority: 1, opened_at: '2026-01-31T23:30:00Z' },
      { number: 'I2', priority: 3, opened_at: '2026-01-10T10:00:00Z' },
      { number: 'I3', priority: null, opened_at: '2026-03-02T10:00:00Z' },
      { number: 'I4', priority: 2, opened_at: '2026-04-02T10:00:00Z' },
    ], 'Europe/Berlin', '2026-03-31');
    // I1 is on 1 February in Berlin; I4 is after the as-of date.
    expect(rows.map((r) => [r.period, r.value, r.detail])).toEqual([
      ['2026-01', 1, '1 incident opened: 1 priority 3'],
      ['2026-02', 1, '1 incident opened: 1 priority 1'],
      ['2026-03', 1, '1 incident opened: 1 without a priority'],
      ['all', 3, '3 incidents opened: 1 priority 1, 1 priority 3, 1 without a priority'],
    ]);
    expect(incidentMetrics([], 'UTC', '2026-03-31')).toEqual([]);
  });

  it('pools the capacity-days of every measured environment over the month', () => {
    const env = (id: string, capacity: number, production = false) => ({ id, name: id, kind: 'sit' as const, production, shared: false, capacity, owner: null, cost_per_day: null });
    const booking = (id: string, environment_id: string, start: string, end: string) =>
      ({ id, environment_id, project_id: null, release_id: null, purpose: null, status: 'approved' as const, start, end });
    // E1 (capacity 1) booked 2026-02-27 to 03-02: 2 days in February, 2 in March. E2 (capacity 2) twice on 03-10 to 03-11.
    // P1 is production and never booked: not measured.
    const occ = occupancy([env('E1', 1), env('E2', 2), env('P1', 1, true)], [
      booking('B1', 'E1', '2026-02-27T00:00:00Z', '2026-03-03T00:00:00Z'),
      booking('B2', 'E2', '2026-03-10T00:00:00Z', '2026-03-12T00:00:00Z'), booking('B3', 'E2', '2026-03-10T00:00:00Z', '2026-03-12T00:00:00Z'),
    ], 'UTC');
    expect(utilizationByMonth(occ).map((r) => [r.period, r.value, r.detail])).toEqual([
      ['2026-02', 0.0238, '2 of 84 capacity-days booked over 2 environments'],
      ['2026-03', 0.0645, '6 of 93 capacity-days booked over 2 environments'],
    ]);
  });
});

const inputsOf = (m: ReportModel, metrics = m.metrics): MonthlyInputs =>
  ({ asOf: m.meta.asOf, metrics, releases: m.releases.rows, statuses: m.portfolio.releases, lessons: m.portfolio.lessons });

describe('frozen months', () => {
  let model: ReportModel;
  beforeAll(async () => {
    model = await modelOf([path.join(FIXTURES, 'metrics/status')], { asOf: '2026-03-31' });
  });

  it('lists every month newest first and freezes the closed ones, with the statuses recorded during each', () => {
    const statusDir = tempDir('almanac-status-');
    // A build ran on 2026-02-20 (its statuses are February's); none ran in January.
    writeStatusSnapshot(statusDir, { ...statusSnapshot(model.portfolio, '2026-02-20'), asOf: '2026-02-20' });
    const s = monthlySection(inputsOf(model), model.portfolio, { asOf: '2026-03-31', graceDays: 5, statusDir });
    expect(s.months.map((p) => [p.month, p.state.kind, p.statuses.source])).toEqual([
      ['2026-03', 'open', 'build'], ['2026-02', 'frozen', 'snapshot'], ['2026-01', 'frozen', 'none'],
    ]);
    // January's first headline number is CHG7's success, closed 2026-01-02.
    expect(s.toFreeze).toEqual(['2026-01', '2026-02']);
    expect(s.months[1]!.state).toEqual({ kind: 'frozen', frozenOn: '2026-03-31', buildAsOf: '2026-03-31' });
    expect(s.months[1]!.statuses).toEqual({ source: 'snapshot', asOf: '2026-02-20', projects: { red: 3, amber: 0, green: 1 } });
    expect(s.months[2]!.initiatives).toEqual({ rows: [], total: 0 });
    // February: Alpha 3 shipped 9 days late; its slip's reasons come from the lessons page.
    expect(s.months[1]!.shipped.rows).toEqual([{ release: { id: 'R3', name: 'Alpha 3' }, project: { id: 'PA', name: 'Alpha' }, planned: '2026-02-01', actual: '2026-02-10', slipDays: 9 }]);
    expect(s.months[1]!.slipped.rows.map((r) => r.release.id)).toEqual(['R3']);
    // March: Alpha 1 (planned 03-20) has not shipped; Alpha 2 is planned for April.
    expect(s.months[0]!.slipped.rows.map((r) => [r.release.id, r.actual])).toEqual([['R1', null]]);
    expect(s.months[0]!.planned.rows.map((r) => [r.release.id, r.planned, r.status])).toEqual([['R2', '2026-04-10', 'red'], ['R6', '2026-04-30', 'red']]);
    expect(s.months[0]!.risks.rows.map((r) => [r.id, r.status])).toEqual([['R2', 'red'], ['R6', 'red'], ['R1', 'red'], ['R4', 'amber'], ['R5', 'amber']]);
    expect(s.months[0]!.lessons.rows.map((l) => l.id)).toEqual(['LR1']);
    expect(model.monthly.months.map((p) => p.month)).toEqual(s.months.map((p) => p.month));
  });

  it('shows a closed month from its snapshot whatever the data says later, until it is refrozen', () => {
    const dir = tempDir('almanac-monthly-');
    const opts = { asOf: '2026-03-31', graceDays: 5, monthlyDir: dir };
    const first = monthlySection(inputsOf(model), model.portfolio, opts);
    for (const p of first.months) if (first.toFreeze.includes(p.month)) writeMonthlySnapshot(dir, p);
    expect(fs.readdirSync(dir).sort()).toEqual(['2026-01.json', '2026-02.json']);
    expect(readMonthlySnapshot(dir, '2026-02')).toEqual(first.months[1]);

    // A later export changes February's and March's numbers.
    const changed = model.metrics.map((r) => (r.metric === 'releases.count_released' && r.scope_kind === 'all' && r.period.startsWith('2026-0') ? { ...r, value: 7 } : r));
    const later = monthlySection(inputsOf(model, changed), model.portfolio, { ...opts, asOf: '2026-04-02' });
    expect(later.toFreeze).toEqual([]);
    expect(later.months.find((p) => p.month === '2026-02')).toEqual(first.months[1]);
    expect(later.months.find((p) => p.month === '2026-03')!.state).toEqual({ kind: 'closing', freezesAfter: '2026-04-05' });
    expect(later.months.find((p) => p.month === '2026-03')!.kpis[0]!.value).toBe(7);

    const refrozen = monthlySection(inputsOf(model, changed), model.portfolio, { ...opts, asOf: '2026-04-02', refreeze: '2026-02' });
    expect(refrozen.toFreeze).toEqual(['2026-02']);
    const feb = refrozen.months.find((p) => p.month === '2026-02')!;
    expect([feb.kpis[0]!.value, feb.state]).toEqual([7, { kind: 'frozen', frozenOn: '2026-04-02', buildAsOf: '2026-04-02' }]);
    expect(later.months.find((p) => p.month === '2026-01')).toEqual(first.months[2]);

    expect(() => monthlySection(inputsOf(model), model.portfolio, { ...opts, refreeze: '2026-03' }))
      .toThrow('--refreeze 2026-03: the month is not closed yet (it freezes after 2026-04-05); only a frozen month can be refrozen');
    expect(() => monthlySection(inputsOf(model), model.portfolio, { ...opts, refreeze: '2024-01' })).toThrow('--refreeze 2024-01: no such month (the pages run from 2026-01 to 2026-03)');
  });

  it('takes the grace days from the config the ingest recorded', async () => {
    const config = path.join(tempDir('almanac-config-'), 'almanac.config.json');
    fs.writeFileSync(config, JSON.stringify({ monthly: { graceDays: 40 } }));
    const late = await modelOf([path.join(FIXTURES, 'metrics/status')], { asOf: '2026-03-31', config });
    expect(late.dataQuality.run?.monthlyGraceDays).toBe(40);
    expect(late.monthly.graceDays).toBe(40);
    // February ended on the 28th: with 40 days of grace it freezes after 2026-04-09, January after 03-12.
    expect(late.monthly.months.map((p) => [p.month, p.state])).toEqual([
      ['2026-03', { kind: 'open' }], ['2026-02', { kind: 'closing', freezesAfter: '2026-04-09' }],
      ['2026-01', { kind: 'frozen', frozenOn: '2026-03-31', buildAsOf: '2026-03-31' }],
    ]);
    expect(model.monthly.graceDays).toBe(5);
  });

  it('fails the build on a damaged or misplaced snapshot, naming the file', () => {
    const dir = tempDir('almanac-monthly-');
    const page = monthlySection(inputsOf(model), model.portfolio, { asOf: '2026-03-31', graceDays: 5 }).months[1]!;
    const file = path.join(dir, '2026-02.json');
    fs.writeFileSync(file, '{"month": "2026-02", ');
    expect(() => monthlySection(inputsOf(model), model.portfolio, { asOf: '2026-03-31', graceDays: 5, monthlyDir: dir })).toThrow(`${file}: not a frozen monthly page (`);
    fs.writeFileSync(file, JSON.stringify({ ...page, kpis: [{ ...page.kpis[0], value: 'many' }] }));
    expect(() => readMonthlySnapshot(dir, '2026-02')).toThrow(`${file}: /kpis/0/value: Invalid input: expected number, received string: not a frozen monthly page`);
    writeMonthlySnapshot(dir, { ...page, month: '2026-01' });
    fs.renameSync(path.join(dir, '2026-01.json'), file);
    expect(() => readMonthlySnapshot(dir, '2026-02')).toThrow(`${file}: holds frozen month 2026-01, not frozen month 2026-02`);
    // Written atomically: no temporary file is left beside it.
    expect(fs.readdirSync(dir)).toEqual(['2026-02.json']);
  });
});
