// Known answers for staffing and spend (docs/metrics.md#staffing-and-spend), by hand from
// test/fixtures/metrics/status/ (as of 2026-03-31, UTC).
// Done work items, epics excluded (E1 is one): K1 (T1, PA, 2025-11-20, 3 points), K2 (T1, PA,
// 2025-11-20, 5), K3 (T1, PA, 2025-12-10, none), K4 (T3, PC, 2026-01-15, 2), K5 (T3, PD, 2026-03-02, 1),
// K6 (no team → "project PD", PD, 2026-03-10, none). 4 of 6 carry points (≥ 50 %): the basis is story
// points. Per month (2025-11 … 2026-03): 8, 0, 2, 0, 1 points; 11 in all.
//   T1: 2025-11 8/8 = 1, 2026-01 0, 2026-03 0; all 8/11 = 0.7273. T3: 0, 1, 1; all 3/11 = 0.2727.
//   "project PD": 0, 0, 0; all 0. Months without anything done (2025-12, 2026-02) have no share.
//   Retail (PA) = T1's; Corporate (PC, PD) = T3's. Channels (PA) = Retail; Markets (PD): 2026-03 1/1 = 1,
//   all 1/11 = 0.0909; PC has no program.
// Costs up to 2026-03 with both amounts (PA 2026-04 and PC 2026-04 have no actual yet):
//   PA 2026-01 (180 − 200)/200 = −0.1, 2026-02 (210 − 200)/200 = 0.05, all (390 − 400)/400 = −0.025.
//   PC 01 0.3, 02 0.4, 03 0, all (370 − 300)/300 = 0.2333. PD 03 planned 0: no variance.
//   Corporate (PC + PD) 01 0.3, 02 0.4, 03 (150 − 100)/100 = 0.5, all (420 − 300)/300 = 0.4.
//   All: 01 (310 − 300)/300 = 0.0333, 02 (350 − 300)/300 = 0.1667, 03 0.5, all (810 − 700)/700 = 0.1571.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { effort, effortBasis, spendOf } from '../../src/metrics/staffing.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

const AS_OF = '2026-03-31';
let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/status')], { asOf: AS_OF });
});

const series = (metric: string, kind: string, id: string) =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === metric && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));

describe('effort share', () => {
  it('counts story points when at least half of the done items carry them', () => {
    expect(model.portfolio.staffing.basis).toBe('story_points');
    expect(model.portfolio.staffing.basisText).toBe('story points: 4 of 6 done work items (epics excluded) carry story points, at least 50 % (items without points add nothing)');
    expect(model.portfolio.staffing.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(model.portfolio.staffing.totalDone).toEqual([8, 0, 2, 0, 1]);
  });

  it('divides each scope\'s done by all done that month, per team, portfolio and program', () => {
    expect(series('portfolio.effort_share', 'team', 'T1')).toEqual({ '2025-11': 1, '2026-01': 0, '2026-03': 0, all: 0.7273 });
    expect(series('portfolio.effort_share', 'team', 'T3')).toEqual({ '2025-11': 0, '2026-01': 1, '2026-03': 1, all: 0.2727 });
    expect(series('portfolio.effort_share', 'team', 'project PD')).toEqual({ '2025-11': 0, '2026-01': 0, '2026-03': 0, all: 0 });
    expect(series('portfolio.effort_share', 'portfolio', 'Retail')).toEqual({ '2025-11': 1, '2026-01': 0, '2026-03': 0, all: 0.7273 });
    expect(series('portfolio.effort_share', 'portfolio', 'Corporate')).toEqual({ '2025-11': 0, '2026-01': 1, '2026-03': 1, all: 0.2727 });
    expect(series('portfolio.effort_share', 'program', 'Markets')).toEqual({ '2025-11': 0, '2026-01': 0, '2026-03': 1, all: 0.0909 });
    expect(model.metrics.find((r) => r.metric === 'portfolio.effort_share' && r.scope_id === 'T1' && r.period === 'all')?.detail).toBe('8 story points of 11 done (basis: story points)');
  });

  it('counts work items when fewer than half carry points', () => {
    const groups = [
      { month: '2026-01', team: 'A', project_id: 'P', items: 3, pointed: 1, points: 8 },
      { month: '2026-01', team: 'B', project_id: null, items: 1, pointed: 0, points: 0 },
    ];
    expect(effortBasis(groups).basis).toBe('work_items');
    const e = effort(groups, () => ({ portfolio: 'X', program: null }), '2026-01-31');
    expect(e.byKind.get('team')!.map((s) => [s.id, s.share])).toEqual([['A', [0.75]], ['B', [0.25]]]);
    expect(e.byKind.get('portfolio')!.map((s) => [s.id, s.share])).toEqual([['X', [0.75]]]);
  });

  it('gives each project page its effort by team', () => {
    const pa = model.portfolio.projects.find((p) => p.project.id === 'PA')!;
    expect(pa.effort).toEqual({ done: [8, 0, 0, 0, 0], byTeam: [{ team: 'T1', done: [8, 0, 0, 0, 0] }] });
  });
});

describe('throughput per team', () => {
  it('counts items done per ISO week over the 26 weeks ending with the as-of week', () => {
    const t = model.portfolio.staffing.throughput;
    expect([t.weeks.length, t.weeks[0]!.week, t.weeks.at(-1)!.week]).toEqual([26, '2025-W41', '2026-W14']);
    const week = (team: string, w: string) => t.teams.find((x) => x.team === team)!.items[t.weeks.findIndex((x) => x.week === w)];
    expect([week('T1', '2025-W47'), week('T1', '2025-W50'), week('T3', '2026-W03'), week('T3', '2026-W10'), week('project PD', '2026-W11')]).toEqual([2, 1, 1, 1, 1]);
    expect(series('portfolio.throughput', 'team', 'T1')['2025-W47']).toBe(2);
  });
});

describe('spend variance', () => {
  it('is (actual − planned) ÷ planned per project and month to date, and over the months with both amounts', () => {
    expect(series('portfolio.spend_variance', 'project', 'PA')).toEqual({ '2026-01': -0.1, '2026-02': 0.05, all: -0.025 });
    expect(series('portfolio.spend_variance', 'project', 'PC')).toEqual({ '2026-01': 0.3, '2026-02': 0.4, '2026-03': 0, all: 0.2333 });
    expect(series('portfolio.spend_variance', 'project', 'PD')).toEqual({});
    expect(model.metrics.find((r) => r.metric === 'portfolio.spend_variance' && r.scope_id === 'PC' && r.period === 'all')?.detail)
      .toBe('actual 370 against planned 300 over 3 months to date with both amounts');
  });

  it('rolls projects up to portfolios, programs and all', () => {
    expect(series('portfolio.spend_variance', 'portfolio', 'Corporate')).toEqual({ '2026-01': 0.3, '2026-02': 0.4, '2026-03': 0.5, all: 0.4 });
    expect(series('portfolio.spend_variance', 'portfolio', 'Retail')).toEqual({ '2026-01': -0.1, '2026-02': 0.05, all: -0.025 });
    expect(series('portfolio.spend_variance', 'program', 'Markets')).toEqual({});
    expect(series('portfolio.spend_variance', 'all', '*')).toEqual({ '2026-01': 0.0333, '2026-02': 0.1667, '2026-03': 0.5, all: 0.1571 });
  });

  it('shows a project\'s planned and actual per month, future months included', () => {
    const pc = model.portfolio.projects.find((p) => p.project.id === 'PC')!.spend!;
    expect(pc.months.map((m) => [m.period, m.planned, m.actual, m.variance])).toEqual([
      ['2026-01', 100, 130, 0.3], ['2026-02', 100, 140, 0.4], ['2026-03', 100, 100, 0], ['2026-04', 100, null, null],
    ]);
    expect([pc.toDate, pc.total]).toEqual([{ period: 'all', planned: 300, actual: 370, variance: 0.2333 }, { planned: 400, actual: 370 }]);
    expect(spendOf([{ project_id: 'X', month: '2026-01-01', planned: 0, actual: 10 }]).variance).toBeNull();
  });
});
