// Known answers for lessons learned (docs/metrics.md#lessons), by hand from test/fixtures/metrics/lessons/
// (as of 2026-03-31; L30, dated 2026-04-10, is after it and counts nowhere). Quarters 2025-Q1 … 2026-Q1:
//   resourcing 2, 0, 0, 0, 0; test data 4, 4, 1, 0, 0; environment availability 0, 0, 1, 5, 4;
//   communication 0, 1, 2, 2, 3; totals 6, 5, 4, 7, 7 = 29.
// Trend: 2026-Q1 ends on the as-of date, so all five quarters have ended and form the window (fewer
// than 8). T = Σ i·nᵢ (i = 0 for 2025-Q1 … 4 for 2026-Q1); under equal rates T is the sum of N uniforms
// on 0 … 4, mean 2N. Exact tails (computed independently with exact fractions):
//   environment availability N = 10, T = 2 + 15 + 16 = 33 vs 20: P(T ≥ 33) = 18788 / 5¹⁰ → p = 0.0038 → rising.
//   test data N = 9, T = 4 + 2 = 6 vs 18: P(T ≤ 6) = 4915 / 5⁹ → p = 0.0050 → falling.
//   communication N = 8, T = 1 + 4 + 6 + 12 = 23 vs 16: p = 0.1042 → steady.
//   resourcing N = 2, T = 0 vs 4: P(T ≤ 0) = 1/25 → p = 0.08 → steady.
// Recurring (≥ 3 projects): category environment availability (PA, PB, PC; 10 lessons); titles
//   "perf lab not ready" (PA, PB, PC; 4) and "uat environment unavailable" ("UAT environment
//   unavailable" in PA and PB, "uat environment — unavailable!" in PC; 3).
// Open actions (an action or a status, status not done/closed/…): L01 "In Progress" 2025-02-10 → 414
//   days; L22 action, no status, 2025-05-05 → 330; L12 open 2025-08-01 → 242; L29 open 2026-03-03 → 28.
//   L03 Done and L04 closed are closed; L21 has neither action nor status.
// Mined reasons come from test/fixtures/metrics/status/ (see status.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { normaliseTitle, trendTest } from '../../src/metrics/lessons.ts';
import { closeNoteReason, phaseCategory } from '../../src/metrics/reasons.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

const AS_OF = '2026-03-31';

const fixtureModel = (folder: string) => modelOf([path.join(FIXTURES, folder)], { asOf: AS_OF });

let lessons: ReportModel;
let status: ReportModel;
beforeAll(async () => {
  lessons = await fixtureModel('metrics/lessons');
  status = await fixtureModel('metrics/status');
});

const series = (m: ReportModel, metric: string, kind: string, id: string) =>
  Object.fromEntries(m.metrics.filter((r) => r.metric === metric && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));

describe('lessons per category and quarter', () => {
  it('counts lessons per quarter, for all and per category, zeros included', () => {
    expect(series(lessons, 'lessons.count', 'all', '*')).toEqual({ '2025-Q1': 6, '2025-Q2': 5, '2025-Q3': 4, '2025-Q4': 7, '2026-Q1': 7, all: 29 });
    expect(series(lessons, 'lessons.count', 'category', 'environment availability')).toEqual({ '2025-Q1': 0, '2025-Q2': 0, '2025-Q3': 1, '2025-Q4': 5, '2026-Q1': 4, all: 10 });
    expect(series(lessons, 'lessons.count', 'category', 'test data')).toEqual({ '2025-Q1': 4, '2025-Q2': 4, '2025-Q3': 1, '2025-Q4': 0, '2026-Q1': 0, all: 9 });
    expect(lessons.portfolio.lessons.lessons).toHaveLength(29);
  });

  it('tests each category for a trend over the quarters that have ended, exactly', () => {
    const t = lessons.portfolio.lessons;
    expect(t.test.window).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(t.categories.map((c) => [c.category, c.test?.statistic ?? null, c.test?.expected ?? null, c.test?.pValue ?? null, c.trend])).toEqual([
      ['environment availability', 33, 20, 0.0038, 'rising'],
      ['test data', 6, 18, 0.005, 'falling'],
      ['communication', 23, 16, 0.1042, 'steady'],
      ['resourcing', 0, 4, 0.08, 'steady'],
    ]);
    expect(lessons.metrics.find((r) => r.metric === 'lessons.trend' && r.scope_id === 'environment availability')?.detail)
      .toBe('0, 0, 1, 5, 4 in 2025-Q1 … 2026-Q1; trend statistic 33 against 20 expected; exact two-sided p = 0.0038');
  });

  it('computes the exact test from the distribution of a sum of uniforms', () => {
    // k = 2: a binomial; [0, 2]: P(T ≥ 2) = 1/4; [0, 3]: 1/8. k = 3, N = 1, T = 0: P(T ≤ 0) = 1/3.
    expect(trendTest([0, 2])?.pValue).toBeCloseTo(0.5, 12);
    expect(trendTest([0, 3])?.pValue).toBeCloseTo(0.25, 12);
    expect(trendTest([1, 0, 0])?.pValue).toBeCloseTo(2 / 3, 12);
    expect(trendTest([0, 0, 0, 5])?.pValue).toBeCloseTo(2 / 1024, 12);
    expect(trendTest([2, 2, 2])).toEqual({ statistic: 6, expected: 6, pValue: 1, exact: true });
    expect([trendTest([0, 0, 0]), trendTest([5])]).toEqual([null, null]);
    // The sample's shapes (src/sample/governance.ts), exact values from fractions: rising, and a fall just short of 5 %.
    expect(trendTest([1, 2, 3, 4, 5, 6, 7, 9])?.pValue).toBeCloseTo(0.0010950193220623846, 10);
    expect(trendTest([6, 5, 5, 4, 3, 3, 2, 2])?.pValue).toBeCloseTo(0.05052180691681806, 10);
  });

  it('uses the normal approximation above 1000 lessons, close to the exact value', () => {
    // [500, 520]: z = (10 − 0.5) / √(1020 × 3 / 12) → 0.551902; the exact binomial gives 0.551923.
    const t = trendTest([500, 520])!;
    expect(t.exact).toBe(false);
    expect(t.pValue).toBeCloseTo(0.5519015758889672, 6);
  });
});

describe('recurring challenges and open actions', () => {
  it('finds categories and normalised titles shared by at least 3 projects', () => {
    expect(lessons.portfolio.lessons.recurring.map((r) => [r.kind, r.text, r.projects.map((p) => p.id), r.lessons])).toEqual([
      ['category', 'environment availability', ['PA', 'PB', 'PC'], 10],
      ['title', 'perf lab not ready', ['PA', 'PB', 'PC'], 4],
      ['title', 'uat environment unavailable', ['PA', 'PB', 'PC'], 3],
    ]);
    expect(normaliseTitle('UAT environment — unavailable!')).toBe('uat environment unavailable');
  });

  it('ages open actions from their date to the as-of date, oldest first', () => {
    expect(lessons.portfolio.lessons.openActions.map((a) => [a.id, a.ageDays])).toEqual([['L01', 414], ['L22', 330], ['L12', 242], ['L29', 28]]);
    const actions = Object.fromEntries(lessons.metrics.filter((r) => r.metric === 'lessons.open_actions').map((r) => [`${r.scope_kind}:${r.scope_id}`, [r.value, r.detail]]));
    expect(actions).toEqual({
      'all:*': [4, 'oldest: L01 (414 days), L22 (330 days), L12 (242 days), L29 (28 days)'],
      'project:PA': [2, 'oldest: L01 (414 days), L12 (242 days)'],
      'project:PB': [0, 'no open action'],
      'project:PC': [0, 'no open action'],
      'project:PD': [2, 'oldest: L22 (330 days), L29 (28 days)'],
    });
  });
});

describe('reasons mined from unsuccessful changes and slipped releases', () => {
  it('maps close notes to categories by the keyword table, first matching row first', () => {
    expect(closeNoteReason('Rolled back: smoke tests failed on login')).toEqual({ category: 'testing', text: 'close notes say "smoke"' });
    expect(closeNoteReason('Backed out after the database migration locked the accounts table.')).toEqual({ category: 'data and migration', text: 'close notes say "database"' });
    expect(closeNoteReason('Failed: the new version could not reach the message broker; previous version restored.').category).toBe('environment availability');
    expect(closeNoteReason('Rolled back after error rates rose above 5%, see incident.')).toEqual({ category: 'performance', text: 'close notes say "error rates"' });
    expect(closeNoteReason('The supplier hotfix was incomplete').category).toBe('third-party dependency');
    expect(closeNoteReason('Ran past the window and was stopped').category).toBe('schedule and coordination');
    expect(closeNoteReason('Backed out by the implementer')).toEqual({ category: 'deployment failure', text: 'close notes say "Backed out"' });
    expect(closeNoteReason('Nothing to say')).toEqual({ category: 'other', text: 'close notes match no keyword' });
    expect(closeNoteReason(null)).toEqual({ category: 'other', text: 'no close notes' });
    expect([phaseCategory('UAT'), phaseCategory('build'), phaseCategory('cutover'), phaseCategory('training')]).toEqual(['testing', 'development', 'deployment', 'schedule and coordination']);
  });

  it('lists unsuccessful changes with their category, newest closed first', () => {
    expect(status.portfolio.lessons.mined.changes.map((c) => [c.number, c.release?.id ?? null, c.reason.category])).toEqual([
      ['CHG1', 'R6', 'testing'], ['CHG6', null, 'other'], ['CHG5', null, 'third-party dependency'], ['CHG4', null, 'environment availability'], ['CHG2', 'R6', 'data and migration'],
    ]);
  });

  it('gives slipped releases their reasons: phases that overran, conflicts, late upstreams, lessons, failed changes', () => {
    // R1 overdue 11 days; R3 shipped 9 days late; R6 runs 5 days behind (phases). R2 has no forecast, R4 and R5 are on plan.
    expect(status.portfolio.lessons.mined.releases.map((r) => [r.release.id, r.state, r.slipDays, r.reasons])).toEqual([
      ['R1', 'overdue', 11, [
        { category: 'environment availability', text: 'booking BK4 on SIT Shared in a conflict 2026-01-13–2026-01-14' },
        { category: 'release dependency', text: 'upstream Alpha 3 slipped 9 days' },
        { category: 'release coordination', text: 'lesson LR1: Go/no-go held without operations' },
      ]],
      ['R3', 'released', 9, [
        { category: 'testing', text: 'phase test ended 9 days after plan (2026-02-03, plan 2026-01-25)' },
        { category: 'environment availability', text: 'booking BK3 on SIT Shared in a conflict 2026-01-13–2026-01-14' },
      ]],
      ['R6', 'in_progress', 5, [
        { category: 'development', text: 'phase build ended 5 days after plan (2026-03-15, plan 2026-03-10)' },
        { category: 'testing', text: 'change CHG1 unsuccessful (close notes say "smoke")' },
        { category: 'data and migration', text: 'change CHG2 unsuccessful (close notes say "database")' },
      ]],
    ]);
    expect(status.portfolio.lessons.mined.byCategory).toEqual([
      { category: 'environment availability', changes: 1, releases: 2 },
      { category: 'testing', changes: 1, releases: 2 },
      { category: 'data and migration', changes: 1, releases: 1 },
      { category: 'development', changes: 0, releases: 1 },
      { category: 'other', changes: 1, releases: 0 },
      { category: 'release coordination', changes: 0, releases: 1 },
      { category: 'release dependency', changes: 0, releases: 1 },
      { category: 'third-party dependency', changes: 1, releases: 0 },
    ]);
  });
});
