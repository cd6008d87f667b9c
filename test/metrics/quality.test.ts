// Known answers for the quality metrics, by hand from test/fixtures/metrics/quality/ (canonical CSV,
// ingested; as of 2026-03-31; UTC). Weeks: W10 = Mar 2–8, W11 = Mar 9–15, W12 = Mar 16–22,
// W13 = Mar 23–29, W14 = Mar 30 – Apr 5.
//   Test demand: Q1 SIT Mar 5–11, 70 h = 10 h a day over two weeks → W10 40 (5–8), W11 30 (9–11);
//   Q1 UAT Mar 16–20, 50 h → W12 50; Q2 SIT Mar 23–24, 20 h → W13 20; Q2 Regression Mar 30 – Apr 2, 8 h → W14 8.
//   QA capacity: QA A Mar 4–10, 35 h = 5 a day across the week boundary → W10 25, W11 10; QA A Mar 16–22
//   → W12 35; QA B Mar 2–15, 28 h = 2 a day → W10 14, W11 14; QA B Mar 23–29 → W13 28 (the env row is
//   not QA). All: W10 39, W11 24, W12 35, W13 28, W14 0.
//   Overload: W10 1, W11 6, W12 15, W13 0, W14 8. Weeks W10 (Mar 2, first capacity day) … W14 (Apr 2).
//   Progress: Q1 150 planned, 80 executed (0.5333), 70 passed (0.875), all planned days past → 150 due;
//   Q2 80 planned, 40 executed (0.5), 36 passed (0.9), due 40 + 40 × 2/4 days of Regression = 60.
//   Bugs belong by affects versions, else fix versions: BUG-1 (fix Q2, affects Q1, production) → Q1;
//   BUG-2 (Q1, test) → Q1; BUG-3 (Q2, production) → Q2; BUG-4 (affects Q3) → Q3; BUG-5 none.
//   Done features/stories/tasks by fix version (epic E-1 and in-progress S-3 left out): Q1 S-1 S-2 T-1
//   F-1 = 4; Q2 F-1 S-4 T-2 = 3; Q3 0.
//   escaped: Q1 1, Q2 1, Q3 0. density: Q1 2/4 = 0.5, Q2 1/3 = 0.3333, Q3 none.
//   Systems: S1 (Q1) 2 bugs, 1 escaped, 4 done → 0.5; S2 (Q1, Q2) bugs {1, 2, 3}, escaped {1, 3}, done
//   {S-1, S-2, T-1, F-1, S-4, T-2} → 3/6 = 0.5; S3 (Q3) 1 bug, 0 escaped, no density.
//   Opened W10 2 (BUG-1, 2), W12 2 (3, 4), W13 1 (5); closed W10 1 (BUG-2), W11 1 (BUG-1), W13 1 (BUG-5);
//   open at week end 1, 0, 2, 2, 2 (W10 … W14, the as-of week).
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDb } from '../../src/db/duckdb.ts';
import { buildModel } from '../../src/report/build-model.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { defectFlow } from '../../src/metrics/quality-defects.ts';
import { testLoad } from '../../src/metrics/quality.ts';
import { FIXTURES, ingestFiles, writeFixture } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/quality')], { asOf: '2026-03-31' });
});

const series = (m: string, kind = 'all', id = '*') =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));
const byScope = (m: string, kind: string) =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind).map((r) => [r.scope_id, r.value]));
const W = (n: number) => `2026-W${n}`;

describe('test demand against QA capacity', () => {
  it('spreads cycle effort and capacity over their days, summed per week', () => {
    expect(series('quality.test_demand_hours')).toEqual({ [W(10)]: 40, [W(11)]: 30, [W(12)]: 50, [W(13)]: 20, [W(14)]: 8 });
    expect(series('quality.qa_capacity_hours')).toEqual({ [W(10)]: 39, [W(11)]: 24, [W(12)]: 35, [W(13)]: 28, [W(14)]: 0 });
    expect(series('quality.qa_capacity_hours', 'team', 'QA A')).toEqual({ [W(10)]: 25, [W(11)]: 10, [W(12)]: 35, [W(13)]: 0, [W(14)]: 0 });
    expect(series('quality.qa_capacity_hours', 'team', 'QA B')).toEqual({ [W(10)]: 14, [W(11)]: 14, [W(12)]: 0, [W(13)]: 28, [W(14)]: 0 });
  });

  it('names the overload weeks', () => {
    expect(series('quality.overload_hours')).toEqual({ [W(10)]: 1, [W(11)]: 6, [W(12)]: 15, [W(13)]: 0, [W(14)]: 8 });
    expect(model.quality.weeks.filter((w) => w.overload > 0).map((w) => w.week)).toEqual([W(10), W(11), W(12), W(14)]);
  });

  it('is empty without dated cycles or QA capacity', () => {
    expect(testLoad([], []).weeks).toEqual([]);
  });
});

describe('test progress', () => {
  it('sums executed, passed and due cases per release against its plan', () => {
    expect(byScope('quality.test_execution_rate', 'release')).toEqual({ Q1: 0.5333, Q2: 0.5 });
    expect(byScope('quality.test_pass_rate', 'release')).toEqual({ Q1: 0.875, Q2: 0.9 });
    const p = model.quality.testProgress.map((x) => [x.release.id, x.cycles, x.plannedCases, x.plannedToDate, x.executed, x.passed, x.failed, x.blocked]);
    expect(p).toEqual([['Q1', 2, 150, 150, 80, 70, 10, 5], ['Q2', 2, 80, 60, 40, 36, 4, 0]]);
  });
});

describe('defects', () => {
  it('counts escaped defects by affects version, else fix version, for every release with work items', () => {
    expect(byScope('quality.escaped_defects', 'release')).toEqual({ Q1: 1, Q2: 1, Q3: 0 });
    expect(byScope('quality.escaped_defects', 'system')).toEqual({ S1: 1, S2: 2, S3: 0 });
  });

  it('divides bugs by done features, stories and tasks, when there are any', () => {
    expect(byScope('quality.defect_density', 'release')).toEqual({ Q1: 0.5, Q2: 0.3333 });
    expect(byScope('quality.defect_density', 'system')).toEqual({ S1: 0.5, S2: 0.5 });
    const s2 = model.quality.bySystem.find((s) => s.id === 'S2')!;
    expect([s2.bugs, s2.escaped, s2.deliveredItems]).toEqual([3, 2, 6]);
  });

  it('counts bugs opened and closed per week up to the as-of week', () => {
    expect(series('quality.defects_opened')).toEqual({ [W(10)]: 2, [W(11)]: 0, [W(12)]: 2, [W(13)]: 1, [W(14)]: 0 });
    expect(series('quality.defects_closed')).toEqual({ [W(10)]: 1, [W(11)]: 1, [W(12)]: 0, [W(13)]: 1, [W(14)]: 0 });
    expect(model.quality.defects.map((w) => w.open)).toEqual([1, 0, 2, 2, 2]);
  });

  it('dates a bug by its day in the configured time zone', async () => {
    // Sunday 23:30 UTC is already Monday in Berlin.
    const dir = writeFixture({
      'work_items.csv': 'key,type,created,resolved\nB-1,bug,2026-03-08T23:30:00Z,2026-03-15T23:30:00Z\n',
      'almanac.config.json': JSON.stringify({ timeZone: 'Europe/Berlin' }),
    });
    const run = await ingestFiles([path.join(dir, 'work_items.csv')], { asOf: '2026-03-20', config: path.join(dir, 'almanac.config.json') });
    const db = await openDb(run.db, { readOnly: true });
    const berlin = await buildModel(db).finally(() => db.close());
    expect(berlin.quality.defects.map((w) => [w.week, w.opened, w.closed])).toEqual([[W(11), 1, 0], [W(12), 0, 1]]);
    expect(defectFlow([{ created: '2026-03-08', resolved: null, bugs: 3 }], '2026-03-10').map((w) => [w.week, w.opened, w.open])).toEqual([[W(10), 3, 3], [W(11), 0, 3]]);
  });
});
