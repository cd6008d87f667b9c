// Known answers for the release predictability metrics, computed by hand from
// test/fixtures/metrics/releases/releases.csv (reference date 2026-03-31):
//   shipped: R1 Jan slip 0 · R2 Jan +10 · R3 Jan −2 · R4 Mar +7 · R7 Mar (no plan)
//   not counted: R5 (not released), R6 (cancelled), R8 (after the reference date)
//   all, 2026-01: 3 released; slips [−2, 0, 10]; on time 2/3; median 0; P85 = 0 + 0.7·10 = 7
//   all, 2026-02: 0 released (written, no rate)
//   all, 2026-03: 2 released, 1 with a plan; on time 0/1; median 7; P85 7
//   all, all:     5 released; slips [−2, 0, 7, 10]; on time 2/4; median 3.5; P85 = 7 + 0.55·3 = 8.65
//   P1, 2026-01:  slips [0, 10]; on time 1/2; median 5; P85 8.5
//   S2, 2026-01:  slips [−2, 10]; on time 1/2; median 4; P85 = −2 + 0.85·12 = 8.2
//   frequency: Jan 3 ÷ (31/7) = 0.6774 per week; Feb 0; Mar 2 ÷ (31/7) = 0.4516
//   size, with R1 4, R2 10, R3 2, R4 6 items (R7 none): Jan median of [2, 4, 10] = 4; Mar [6] = 6;
//   P1 Jan [4, 10] = 7
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { releaseMetrics, sizeMetrics, type ReleaseFacts } from '../../src/metrics/releases.ts';
import { csvRows } from '../helpers/csv-rows.ts';
import { FIXTURES } from '../helpers/ingest.ts';

const releases = csvRows(path.join(FIXTURES, 'metrics/releases/releases.csv'), ['system_ids']) as ReleaseFacts[];
const rows = releaseMetrics(releases, '2026-03-31');
const value = (metric: string, kind: string, id: string, period: string) =>
  rows.find((r) => r.metric === metric && r.scope_kind === kind && r.scope_id === id && r.period === period)?.value;

describe('release metrics', () => {
  it('counts releases per month, zero months included', () => {
    expect(value('releases.count_released', 'all', '*', '2026-01')).toBe(3);
    expect(value('releases.count_released', 'all', '*', '2026-02')).toBe(0);
    expect(value('releases.count_released', 'all', '*', '2026-03')).toBe(2);
    expect(value('releases.count_released', 'all', '*', 'all')).toBe(5);
    expect(rows.some((r) => r.period === '2026-04')).toBe(false);
  });

  it('computes on-time rate and slip quantiles with d3 interpolation', () => {
    expect(value('releases.on_time_rate', 'all', '*', '2026-01')).toBe(0.6667);
    expect(value('releases.slip_days_median', 'all', '*', '2026-01')).toBe(0);
    expect(value('releases.slip_days_p85', 'all', '*', '2026-01')).toBe(7);
    expect(value('releases.on_time_rate', 'all', '*', '2026-03')).toBe(0);
    expect(value('releases.slip_days_median', 'all', '*', '2026-03')).toBe(7);
    expect(value('releases.on_time_rate', 'all', '*', 'all')).toBe(0.5);
    expect(value('releases.slip_days_median', 'all', '*', 'all')).toBe(3.5);
    expect(value('releases.slip_days_p85', 'all', '*', 'all')).toBe(8.65);
  });

  it('writes no rate for a month without releases', () => {
    expect(value('releases.on_time_rate', 'all', '*', '2026-02')).toBeUndefined();
  });

  it('scopes by project and by each of a release’s systems', () => {
    expect(value('releases.on_time_rate', 'project', 'P1', '2026-01')).toBe(0.5);
    expect(value('releases.slip_days_median', 'project', 'P1', '2026-01')).toBe(5);
    expect(value('releases.slip_days_p85', 'project', 'P1', '2026-01')).toBe(8.5);
    expect(value('releases.count_released', 'project', 'P1', '2026-03')).toBe(1);
    expect(value('releases.on_time_rate', 'project', 'P1', '2026-03')).toBeUndefined();
    expect(value('releases.slip_days_median', 'system', 'S2', '2026-01')).toBe(4);
    expect(value('releases.slip_days_p85', 'system', 'S2', '2026-01')).toBe(8.2);
    expect(value('releases.count_released', 'system', 'S1', 'all')).toBe(3);
  });

  it('gives release frequency per week of each month', () => {
    expect(value('releases.frequency', 'all', '*', '2026-01')).toBe(0.6774);
    expect(value('releases.frequency', 'all', '*', '2026-02')).toBe(0);
    expect(value('releases.frequency', 'all', '*', '2026-03')).toBe(0.4516);
    expect(value('releases.frequency', 'all', '*', 'all')).toBeUndefined();
  });

  it('sizes releases by their work items, and gives the median size per month', () => {
    const sizes = new Map([['R1', 4], ['R2', 10], ['R3', 2], ['R4', 6]]);
    const s = sizeMetrics(releases, sizes, '2026-03-31');
    const v = (metric: string, kind: string, id: string, period: string) =>
      s.find((r) => r.metric === metric && r.scope_kind === kind && r.scope_id === id && r.period === period)?.value;
    expect(s.filter((r) => r.metric === 'releases.size').map((r) => [r.scope_id, r.value])).toEqual([['R1', 4], ['R2', 10], ['R3', 2], ['R4', 6]]);
    expect(v('releases.size_median', 'all', '*', '2026-01')).toBe(4);
    expect(v('releases.size_median', 'all', '*', '2026-02')).toBeUndefined();
    expect(v('releases.size_median', 'all', '*', '2026-03')).toBe(6);
    expect(v('releases.size_median', 'project', 'P1', '2026-01')).toBe(7);
  });

  it('is empty when nothing shipped', () => {
    expect(releaseMetrics([], '2026-03-31')).toEqual([]);
  });
});
