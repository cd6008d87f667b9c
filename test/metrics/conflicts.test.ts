// Known answers for the scheduling and resource conflicts (docs/metrics.md#scheduling-conflicts).
// Over-commitment by hand on small inputs (as of 2026-03-31, a 28-day window = 4 seven-day blocks,
// Mar 3–9, 10–16, 17–23, 24–30), then the one list of test/fixtures/metrics/status/ (see status.test.ts):
//   T1 has 6 open items in R2 (planned 2026-04-10) and finished nothing in the 90-day window: pace 0,
//     finishes 0 by then → over-committed, affecting R2 / PA / T1.
//   E1 (capacity 1): BK1 (R4, PB) and BK2 (R5, PC) both approved on 04-21–04-23 → a double booking;
//     BK3 (R3) and BK4 (R1) on 01-13–01-14 → over (counted as past).
//   R4 planned 05-05 inside "May freeze" (sys-b) → a release in a freeze.
//   CHG3 (R6, team Ops) planned 04-02 inside "Quarter close" → current; CHG7 (R1) on 01-02 inside
//     "New year" → past; CHG8 is an emergency (freezes let those through).
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { overcommitments, overcommitmentText, weeklyDone } from '../../src/metrics/conflicts.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

const AS_OF = '2026-03-31';

describe('team over-commitment', () => {
  // T: 3, 5, 2, 4 items in the four blocks → median (3 + 4) / 2 = 3.5 a week. Mar 31 (the as-of day)
  // and Mar 2 (before the window) are outside it.
  const done = [
    { team: 'T', day: '2026-03-02', items: 50 }, { team: 'T', day: '2026-03-03', items: 3 }, { team: 'T', day: '2026-03-10', items: 5 },
    { team: 'T', day: '2026-03-23', items: 2 }, { team: 'T', day: '2026-03-24', items: 1 }, { team: 'T', day: '2026-03-30', items: 3 },
    { team: 'T', day: '2026-03-31', items: 40 },
  ];
  const releases = [{ id: 'A', plannedRelease: '2026-04-14' }, { id: 'B', plannedRelease: '2026-04-28' }, { id: 'C', plannedRelease: null }, { id: 'D', plannedRelease: '2026-03-20' }];

  it('reads the pace from whole seven-day blocks of the forecast window, ending the day before the as-of date', () => {
    expect(weeklyDone(done, AS_OF, 28)).toEqual([3, 5, 2, 4]);
    expect(weeklyDone(done, AS_OF, 30)).toEqual([3, 5, 2, 4]);
  });

  it('compares the open items due by each planned date with what the pace finishes by then', () => {
    // By Apr 14 (14 days): 3.5 × 2 = 7 can be finished. Due: A 6 + D 2 (overdue, due already) = 8 > 7.
    // By Apr 28 (28 days): 14 can be finished; due 8 + B 5 = 13 ≤ 14. An item of A and B counts for A.
    const open = [
      { team: 'T', release_ids: ['A'], items: 5 }, { team: 'T', release_ids: ['B', 'A'], items: 1 }, { team: 'T', release_ids: ['B'], items: 5 },
      { team: 'T', release_ids: ['D'], items: 2 }, { team: 'T', release_ids: ['C'], items: 9 },
    ];
    const over = overcommitments(open, done, releases, AS_OF, 28);
    expect(over).toEqual([{ team: 'T', due: '2026-04-14', releaseIds: ['D', 'A'], remaining: 8, weeklyPace: 3.5, canFinish: 7 }]);
    expect(overcommitmentText(over[0]!)).toBe('T: 8 open items due by 2026-04-14 (2 releases); at its median pace of 3.5 a week it finishes about 7');
    // One item fewer in A: 7 is not more than 7.
    expect(overcommitments([{ team: 'T', release_ids: ['A'], items: 7 }], done, releases, AS_OF, 28)).toEqual([]);
  });
});

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/status')], { asOf: AS_OF });
});

describe('the one list of conflicts', () => {
  it('lists current and upcoming conflicts by first day, each with who is affected', () => {
    const list = model.portfolio.conflicts.conflicts.map((c) => ({
      kind: c.kind, summary: c.summary, first: c.first, last: c.last,
      releases: c.releases.map((r) => r.id), projects: c.projects.map((p) => p.id), teams: c.teams,
      environment: c.environment?.id ?? null, freeze: c.freeze, changes: c.changes.map((x) => x.number),
    }));
    expect(list).toEqual([
      {
        kind: 'team_overcommitted', summary: 'T1: 6 open items due by 2026-04-10 (1 release); at its median pace of 0 a week it finishes about 0',
        first: '2026-03-31', last: '2026-04-10', releases: ['R2'], projects: ['PA'], teams: ['T1'], environment: null, freeze: null, changes: [],
      },
      {
        kind: 'change_in_freeze', summary: '1 change planned inside freeze Quarter close (CHG3)',
        first: '2026-04-02', last: '2026-04-02', releases: ['R6'], projects: ['PC'], teams: ['Ops'], environment: null, freeze: 'Quarter close', changes: ['CHG3'],
      },
      {
        kind: 'environment_double_booking', summary: 'SIT Shared: 2 approved bookings for a capacity of 1 on 2026-04-21–2026-04-23 (BK1, BK2)',
        first: '2026-04-21', last: '2026-04-23', releases: ['R4', 'R5'], projects: ['PB', 'PC'], teams: [], environment: 'E1', freeze: null, changes: [],
      },
      {
        kind: 'release_in_freeze', summary: 'Beta 1 planned for 2026-05-05, inside freeze May freeze',
        first: '2026-05-05', last: '2026-05-05', releases: ['R4'], projects: ['PB'], teams: [], environment: null, freeze: 'May freeze', changes: [],
      },
    ]);
    expect(model.portfolio.conflicts.past).toEqual([
      { kind: 'team_overcommitted', count: 0 }, { kind: 'environment_double_booking', count: 1 }, { kind: 'release_in_freeze', count: 0 }, { kind: 'change_in_freeze', count: 1 },
    ]);
  });

  it('writes portfolio.conflicts per kind and shows each project and group its own', () => {
    const rows = Object.fromEntries(model.metrics.filter((r) => r.metric === 'portfolio.conflicts').map((r) => [r.scope_id, r.value]));
    expect(rows).toEqual({ team_overcommitted: 1, environment_double_booking: 1, release_in_freeze: 1, change_in_freeze: 1 });
    const kinds = (id: string) => model.portfolio.projects.find((p) => p.project.id === id)!.conflicts.map((c) => c.kind);
    expect([kinds('PA'), kinds('PB'), kinds('PC'), kinds('PD')]).toEqual([
      ['team_overcommitted'], ['environment_double_booking', 'release_in_freeze'], ['change_in_freeze', 'environment_double_booking'], [],
    ]);
    expect(model.portfolio.portfolios.find((g) => g.group.id === 'Corporate')!.conflicts.map((c) => c.kind)).toEqual(['change_in_freeze', 'environment_double_booking']);
  });
});
