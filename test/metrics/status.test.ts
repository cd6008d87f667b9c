// Known answers for the consolidated status rule (docs/metrics.md#status-rule). First every branch of the
// pure rule with its exact reason; then, by hand from test/fixtures/metrics/status/ (canonical CSV
// ingested for real, as of 2026-03-31, UTC), what each release, project, program and portfolio gets:
//   R1 Alpha 1 (PA): planned 2026-03-20, not released → overdue, 11 days → red.
//   R2 Alpha 2 (PA): starts 03-25, planned 04-10 (10 days away). Open items: BUG1 bug Highest and BUG2
//     bug Blocker → 2 critical defects, due within 14 days → red; S1 (label release-blocker) and S2
//     (status Blocked) → 2 blockers (BUG3 High and S3 are neither). Team T1 finished nothing in the 90
//     days before the as-of date → no forecast: 6 open items → amber. Upstream R1 is open: expected the
//     latest of its plan (03-20) and 04-01 (the day after the as-of date) = 04-01, after R2 starts → amber.
//   R3: released 2026-02-10 (not rated); R9: cancelled (not rated).
//   R4 Beta 1 (PB): booking BK1 on E1 (capacity 1) overlaps BK2 (R5) on 04-21–04-23 → amber; planned
//     05-05 inside "May freeze" (05-04–05-06, sys-b) → amber.
//   R5 Gamma 1 (PC): the same conflict → amber.
//   R6 Gamma 2 (PC): CHG1 unsuccessful, closed 03-25 (6 days ago) → red; CHG2 unsuccessful, closed
//     02-20 (39 days ago) → amber; CHG3 planned 04-02 inside "Quarter close" (04-01–04-03, all) → amber
//     (CHG8, an emergency, does not count); phases: build ended 03-15 (plan 03-10), test started 03-16
//     (plan 03-11) → 5 days behind → amber.
//   R7 Delta 1 (PD): nothing → green, "on track for 2026-06-01".
//   PA red (its releases). PB red: planned end 2026-03-15 passed with 1 open release (R4; R9 is
//   cancelled). PC red: its releases, and spend to date 370 against 300 (Jan–Mar) = +23.3 % → amber.
//   PD green. Retail (PA, PB) red; Corporate (PC, PD) red; Channels (PA, PB) red; Markets (PD) green.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { groupStatus, projectStatus, releaseStatus, type ReleaseStatusFacts, type Status } from '../../src/metrics/status.ts';
import { isBlocker, isCriticalDefect, isHighestPriority, phaseDelay } from '../../src/metrics/status-facts.ts';
import { previousSnapshot, statusChanges, statusSnapshot, writeStatusSnapshot } from '../../src/report/status-history.ts';
import { FIXTURES, tempDir } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';
import { daysBetween } from '../../src/metrics/periods.ts';

const AS_OF = '2026-03-31';
const quiet: ReleaseStatusFacts = {
  state: 'in_progress', plannedRelease: '2026-04-20', forecast: null, phaseDelay: null, criticalDefects: 0, blockers: 0,
  unsuccessfulChanges: [], lateUpstream: [], environmentConflicts: [], freezes: [], changesInFreeze: [],
};
const forecast = (p85: string | null, onTimeProbability: number | null, more: { beyondHorizon?: string; stalledItems?: number } = {}) =>
  ({ p85, onTimeProbability, beyondHorizon: more.beyondHorizon ?? null, stalledItems: more.stalledItems ?? null });
const rate = (f: Partial<ReleaseStatusFacts>) => releaseStatus({ ...quiet, ...f }, AS_OF)!;

describe('the status rule for a release', () => {
  it('does not rate released or cancelled releases', () => {
    expect(releaseStatus({ ...quiet, state: 'released' }, AS_OF)).toBeNull();
    expect(releaseStatus({ ...quiet, state: 'cancelled' }, AS_OF)).toBeNull();
  });

  it('is green with what it rests on when no rule fires', () => {
    expect(rate({}).reason).toBe('green: on track for 2026-04-20');
    expect(rate({ plannedRelease: null }).reason).toBe('green: no planned date, nothing flags it');
    expect(rate({ forecast: forecast('2026-04-20', 0.85) })).toEqual({ status: 'green', reason: 'green: P85 forecast 2026-04-20, on or before plan (2026-04-20)', signals: [] });
  });

  it('is red when overdue', () => {
    expect(rate({ state: 'overdue', plannedRelease: '2026-03-30' }).reason).toBe('red: overdue: planned for 2026-03-30, 1 day ago, not released');
  });

  it('compares the P85 forecast with the plan: more than 14 days red, 1 to 14 amber', () => {
    expect(rate({ forecast: forecast('2026-05-05', 0.75) }).reason).toBe('red: P85 forecast 15 days past plan (2026-05-05, plan 2026-04-20)');
    expect(rate({ forecast: forecast('2026-05-04', 0.75) }).reason).toBe('amber: P85 forecast 14 days past plan (2026-05-04, plan 2026-04-20)');
    expect(rate({ forecast: forecast('2026-04-21', 0.8) }).reason).toBe('amber: P85 forecast 1 day past plan (2026-04-21, plan 2026-04-20)');
    expect(rate({ forecast: forecast(null, 0.05, { beyondHorizon: '2028-03-31' }) }).reason)
      .toBe('red: P85 forecast beyond 2028-03-31, more than 711 days past plan (plan 2026-04-20); on-time probability 5 % (below 70 %)');
    expect(rate({ plannedRelease: null, forecast: forecast('2026-09-01', null) }).status).toBe('green');
  });

  it('is amber when the on-time probability is below 70 %, or nothing was finished to forecast from', () => {
    expect(rate({ forecast: forecast('2026-04-18', 0.695) }).reason).toBe('amber: on-time probability 69.5 % (below 70 %)');
    expect(rate({ forecast: forecast('2026-04-18', 0.7) }).status).toBe('green');
    expect(rate({ forecast: forecast(null, null, { stalledItems: 1 }) }).reason).toBe('amber: no forecast: 1 open item, and its teams finished nothing in the forecast window');
  });

  it('reads phase delays like forecasts: more than 14 days red', () => {
    expect(rate({ phaseDelay: { days: 15, text: 'uat not started, planned to start 2026-03-16' } }).reason)
      .toBe('red: phases 15 days behind plan (uat not started, planned to start 2026-03-16)');
    expect(rate({ phaseDelay: { days: 3, text: 'sit ended 2026-03-20, plan 2026-03-17' } }).reason).toBe('amber: phases 3 days behind plan (sit ended 2026-03-20, plan 2026-03-17)');
  });

  it('makes open critical defects red when the release is due within 14 days (or overdue), else amber', () => {
    expect(rate({ criticalDefects: 1, plannedRelease: '2026-04-14' }).reason).toBe('red: 1 open critical defect with the release due in 14 days');
    expect(rate({ criticalDefects: 2, plannedRelease: '2026-04-15' }).reason).toBe('amber: 2 open critical defects');
    expect(rate({ criticalDefects: 1, plannedRelease: null }).reason).toBe('amber: 1 open critical defect');
    expect(rate({ state: 'overdue', plannedRelease: '2026-03-01', criticalDefects: 1 }).reason)
      .toBe('red: overdue: planned for 2026-03-01, 30 days ago, not released; 1 open critical defect with the release overdue');
  });

  it('makes an unsuccessful change of the last 14 days red, an earlier one amber', () => {
    const changes = [{ number: 'C2', closedOn: '2026-03-17' }, { number: 'C1', closedOn: '2026-03-16' }, { number: 'C3', closedOn: '2026-03-31' }];
    expect(rate({ unsuccessfulChanges: changes }).reason)
      .toBe('red: 2 unsuccessful changes in the last 14 days (C2 closed 2026-03-17, C3 closed 2026-03-31); 1 unsuccessful change earlier (C1 closed 2026-03-16)');
  });

  it('makes blockers, late upstream releases, environment conflicts and freezes amber', () => {
    expect(rate({ blockers: 1 }).reason).toBe('amber: 1 open blocker');
    expect(rate({ lateUpstream: [{ name: 'U', plan: '2026-04-25', expected: '2026-04-25', basis: 'plan', start: '2026-04-22', days: 3 }] }).reason)
      .toBe('amber: upstream U planned 2026-04-25, 3 days after this release starts (2026-04-22)');
    expect(rate({ lateUpstream: [{ name: 'U', plan: '2026-04-10', expected: '2026-04-30', basis: 'forecast', start: '2026-04-22', days: 8 }] }).reason)
      .toBe('amber: upstream U forecast (P85) 2026-04-30, 8 days after this release starts (2026-04-22)');
    expect(rate({ environmentConflicts: [{ environment: 'SIT', first: '2026-04-02', last: '2026-04-02' }, { environment: 'UAT', first: '2026-04-05', last: '2026-04-07' }] }).reason)
      .toBe('amber: 2 environment conflicts on its bookings (SIT 2026-04-02, UAT 2026-04-05–2026-04-07)');
    expect(rate({ freezes: ['Easter'] }).reason).toBe('amber: planned release day 2026-04-20 inside freeze Easter');
    expect(rate({ changesInFreeze: ['C9', 'C8'] }).reason).toBe('amber: 2 changes planned inside a freeze (C8, C9)');
  });

  it('lists red signals before amber ones, each in the rule order', () => {
    const s = rate({ blockers: 2, forecast: forecast('2026-05-20', 0.1), criticalDefects: 1 });
    expect(s.signals.map((x) => x.rule)).toEqual(['forecast_late', 'low_on_time_probability', 'critical_defects', 'blockers']);
    expect(s.reason).toBe('red: P85 forecast 30 days past plan (2026-05-20, plan 2026-04-20); on-time probability 10 % (below 70 %); 1 open critical defect; 2 open blockers');
  });
});

describe('the status of a project and of a group', () => {
  const amber: Status = { status: 'amber', reason: 'amber: 1 open blocker', signals: [{ severity: 'amber', rule: 'blockers', text: '1 open blocker' }] };
  const red: Status = { status: 'red', reason: 'red: overdue: …', signals: [{ severity: 'red', rule: 'overdue', text: 'overdue: …' }] };

  it('takes the worst of its open releases, naming them, and its own signals', () => {
    expect(projectStatus({ releases: [{ name: 'R1', status: amber }], plannedEnd: '2026-03-30', spendToDate: null }, AS_OF).reason)
      .toBe('red: planned end 2026-03-30 passed with 1 open release; R1: 1 open blocker');
    expect(projectStatus({ releases: [], plannedEnd: '2026-03-30', spendToDate: null }, AS_OF).reason).toBe('green: no open releases, nothing flags it');
    expect(projectStatus({ releases: [], plannedEnd: null, spendToDate: { planned: 100, actual: 125 } }, AS_OF).reason).toBe('amber: spend 25 % over plan to date (125 against 100)');
    expect(projectStatus({ releases: [], plannedEnd: null, spendToDate: { planned: 100, actual: 110 } }, AS_OF).status).toBe('green');
    expect(projectStatus({ releases: [], plannedEnd: null, spendToDate: { planned: 100, actual: 125.5 } }, AS_OF).reason).toBe('red: spend 25.5 % over plan to date (125.5 against 100)');
    expect(projectStatus({ releases: [{ name: 'R1', status: { status: 'green', reason: 'green: …', signals: [] } }], plannedEnd: null, spendToDate: null }, AS_OF).reason)
      .toBe('green: 1 open release green');
  });

  it('takes the worst of its projects, red ones first, each with its first signal', () => {
    const green: Status = { status: 'green', reason: 'green: …', signals: [] };
    expect(groupStatus([{ name: 'B', status: amber }, { name: 'C', status: green }, { name: 'A', status: red }]).reason)
      .toBe('red: A red (overdue: …); B amber (1 open blocker)');
    expect(groupStatus([{ name: 'C', status: green }]).reason).toBe('green: 1 project green');
  });
});

describe('what the rule reads of work items and phases', () => {
  it('knows the highest priorities of each tool', () => {
    expect(['Highest', 'Blocker', 'critical', '1', '1 - Critical', 'P1', 'P0', 'Urgent'].every(isHighestPriority)).toBe(true);
    expect(['High', '2 - High', 'Medium', 'P2', '10', null].some(isHighestPriority)).toBe(false);
  });

  it('counts a critical defect once, never again as a blocker', () => {
    const g = { type: 'bug', priority: 'Blocker', status: 'Blocked', labels: ['release-blocker'] };
    expect([isCriticalDefect(g), isBlocker(g)]).toEqual([true, false]);
    expect(isBlocker({ type: 'story', priority: 'Blocker', status: null, labels: null })).toBe(true);
    expect(isBlocker({ type: 'task', priority: null, status: 'Waiting', labels: ['Impediment'] })).toBe(true);
    expect(isBlocker({ type: 'task', priority: 'High', status: 'In Progress', labels: ['blocks-nothing'] })).toBe(false);
  });

  it('takes the phase delay from the phases that say where the release stands now', () => {
    const p = (phase: string, ps: string, pe: string, as: string | null, ae: string | null) => ({ phase, planned_start: ps, planned_end: pe, actual_start: as, actual_end: ae });
    // build ended 10 days late but sit caught up and ended on plan: the last finished phase counts.
    expect(phaseDelay([p('build', '2026-01-01', '2026-01-31', '2026-01-01', '2026-02-10'), p('sit', '2026-02-01', '2026-03-01', '2026-02-11', '2026-03-01')], AS_OF)).toBeNull();
    expect(phaseDelay([p('uat', '2026-03-01', '2026-03-20', '2026-03-02', null)], AS_OF)).toEqual({ days: 11, text: 'uat not finished, planned to end 2026-03-20' });
    expect(phaseDelay([p('perf', '2026-03-25', '2026-04-05', null, null)], AS_OF)).toEqual({ days: 6, text: 'perf not started, planned to start 2026-03-25' });
    expect(phaseDelay([p('perf', '2026-04-25', '2026-05-05', null, null)], AS_OF)).toBeNull();
  });
});

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/status')], { asOf: AS_OF });
});

const reasons = (kind: string) => Object.fromEntries(model.metrics.filter((r) => r.metric === 'portfolio.status' && r.scope_kind === kind).map((r) => [r.scope_id, r.detail]));

describe('statuses of the fixture', () => {
  it('rates the open releases by the rule, with their reasons', () => {
    expect(reasons('release')).toEqual({
      R1: 'red: overdue: planned for 2026-03-20, 11 days ago, not released',
      R2: 'red: 2 open critical defects with the release due in 10 days; no forecast: 6 open items, and its teams finished nothing in the forecast window; '
        + '2 open blockers; upstream Alpha 1 not released by 2026-03-31 (planned 2026-03-20), and this release starts 2026-03-25',
      R4: 'amber: 1 environment conflict on its bookings (SIT Shared 2026-04-21–2026-04-23); planned release day 2026-05-05 inside freeze May freeze',
      R5: 'amber: 1 environment conflict on its bookings (SIT Shared 2026-04-21–2026-04-23)',
      R6: 'red: 1 unsuccessful change in the last 14 days (CHG1 closed 2026-03-25); phases 5 days behind plan (build ended 2026-03-15, plan 2026-03-10); '
        + '1 unsuccessful change earlier (CHG2 closed 2026-02-20); 1 change planned inside a freeze (CHG3)',
      R7: 'green: on track for 2026-06-01',
    });
    const unrated = model.portfolio.releases.filter((r) => r.status === null).map((r) => [r.release.id, r.stateReason]);
    expect(unrated).toEqual([['R3', 'released 2026-02-10, 9 days after plan (2026-02-01)'], ['R9', 'cancelled']]);
  });

  it('rolls releases up to projects, programs, portfolios and the whole estate', () => {
    expect(reasons('project')).toEqual({
      PA: 'red: Alpha 1: overdue: planned for 2026-03-20, 11 days ago, not released; Alpha 2: 2 open critical defects with the release due in 10 days; '
        + 'Alpha 2: no forecast: 6 open items, and its teams finished nothing in the forecast window; Alpha 2: 2 open blockers; '
        + 'Alpha 2: upstream Alpha 1 not released by 2026-03-31 (planned 2026-03-20), and this release starts 2026-03-25',
      PB: 'red: planned end 2026-03-15 passed with 1 open release; Beta 1: 1 environment conflict on its bookings (SIT Shared 2026-04-21–2026-04-23); '
        + 'Beta 1: planned release day 2026-05-05 inside freeze May freeze',
      PC: 'red: Gamma 2: 1 unsuccessful change in the last 14 days (CHG1 closed 2026-03-25); Gamma 2: phases 5 days behind plan (build ended 2026-03-15, plan 2026-03-10); '
        + 'Gamma 2: 1 unsuccessful change earlier (CHG2 closed 2026-02-20); Gamma 2: 1 change planned inside a freeze (CHG3); '
        + 'Gamma 1: 1 environment conflict on its bookings (SIT Shared 2026-04-21–2026-04-23); spend 23.3 % over plan to date (370 against 300)',
      PD: 'green: 1 open release green',
    });
    const alpha = 'Alpha red (Alpha 1: overdue: planned for 2026-03-20, 11 days ago, not released)';
    const beta = 'Beta red (planned end 2026-03-15 passed with 1 open release)';
    const gamma = 'Gamma red (Gamma 2: 1 unsuccessful change in the last 14 days (CHG1 closed 2026-03-25))';
    expect(reasons('portfolio')).toEqual({ Retail: `red: ${alpha}; ${beta}`, Corporate: `red: ${gamma}` });
    expect(reasons('program')).toEqual({ Channels: `red: ${alpha}; ${beta}`, Markets: 'green: 1 project green' });
    expect(reasons('all')).toEqual({ '*': `red: ${alpha}; ${beta}; ${gamma}` });
    expect(model.portfolio.overview.releaseCounts).toEqual({ red: 3, amber: 2, green: 1, released: 1, cancelled: 1 });
  });

  it('lays out the status grid by portfolio and program, projects without a program last', () => {
    const grid = model.portfolio.overview.grid.map((g) => [g.portfolio?.id, g.programs.map((p) => [p.program?.id ?? null, p.projects.map((x) => x.project.id)])]);
    expect(grid).toEqual([['Corporate', [['Markets', ['PD']], [null, ['PC']]]], ['Retail', [['Channels', ['PA', 'PB']]]]]);
  });

  it('lists a project page\'s risks with the release they come from', () => {
    const pb = model.portfolio.projects.find((p) => p.project.id === 'PB')!;
    expect(pb.risks.map((r) => [r.severity, r.release?.id ?? null, r.rule])).toEqual([['red', null, 'planned_end_passed'], ['amber', 'R4', 'environment_conflict'], ['amber', 'R4', 'in_freeze']]);
  });
});

describe('what changed since an earlier build', () => {
  it('compares with the newest snapshot of an earlier as-of date, never the same or a later one', () => {
    const dir = tempDir('almanac-status-');
    const now = statusSnapshot(model.portfolio, AS_OF);
    expect(previousSnapshot(dir, AS_OF)).toBeNull();
    expect(statusChanges(null, now, () => null).note).toBe('no earlier build to compare with');
    const before = structuredClone(now);
    before.asOf = '2026-03-24';
    before.releases.R7 = { ...before.releases.R7!, status: 'amber', reason: 'amber: 1 open blocker' };
    before.releases.R5 = { ...before.releases.R5!, status: 'amber', reason: 'amber: something else' };
    before.releases.R0 = { name: 'Old', status: 'green', state: 'planned', reason: 'green: on track' };
    before.releases.R1 = { ...before.releases.R1!, state: 'in_progress' };
    before.releases.R9 = { ...before.releases.R9!, state: 'planned', status: null };
    delete before.projects.PD;
    writeStatusSnapshot(dir, before);
    writeStatusSnapshot(dir, { ...before, asOf: '2026-03-01' });
    writeStatusSnapshot(dir, now);
    writeStatusSnapshot(dir, { ...now, asOf: '2026-04-07' });
    const previous = previousSnapshot(dir, AS_OF)!;
    expect(previous.asOf).toBe('2026-03-24');
    const changes = statusChanges(previous, now, (kind, id) => `${kind}/${id}`);
    expect(changes.note).toBe('compared with the build as of 2026-03-24');
    // Same status, other reason (R5) or another open state (R1): no change. An unrated release whose state
    // changed (R9) is one. Red first, then green, then unrated and removed; projects before releases.
    expect(changes.changes.map((c) => [c.kind, c.id, c.before?.status ?? null, c.after?.status ?? null, c.after?.state ?? null, c.slug])).toEqual([
      ['project', 'PD', null, 'green', 'project', 'project/PD'],
      ['release', 'R7', 'amber', 'green', 'planned', 'release/R7'],
      ['release', 'R9', null, null, 'cancelled', 'release/R9'],
      ['release', 'R0', 'green', null, null, null],
    ]);
  });

  it('lists the planned dates and forecasts of open releases that moved, the biggest slip first', () => {
    const now = statusSnapshot(model.portfolio, AS_OF);
    const open = Object.entries(now.releases).filter(([, e]) => e.status !== null && e.planned);
    expect(open.length).toBeGreaterThan(1);
    const [[a, ea], [b, eb]] = open as [[string, (typeof open)[0][1]], [string, (typeof open)[0][1]]];
    const before = structuredClone(now);
    before.asOf = '2026-03-24';
    before.releases[a] = { ...ea, planned: '2026-01-01' };
    before.releases[b] = { ...eb, planned: '2099-01-01' };
    // A snapshot saved before dates were kept moves nothing.
    const { planned: _p, forecastP85: _f, ...undated } = eb;
    const moved = statusChanges(before, now, (_, id) => id).moved;
    expect(moved.map((m) => [m.id, m.what, m.from, m.to, m.days])).toEqual([
      [a, 'planned', '2026-01-01', ea.planned, daysBetween('2026-01-01', ea.planned!)],
      [b, 'planned', '2099-01-01', eb.planned, daysBetween('2099-01-01', eb.planned!)],
    ]);
    expect(statusChanges({ ...before, releases: { ...before.releases, [a]: ea, [b]: undated } }, now, () => null).moved).toEqual([]);
  });

  it('keeps ids that are names of object properties (`__proto__`, `constructor`) through a snapshot file', () => {
    // Ids come from the exports: a plain object would take `__proto__` for its prototype, and zod drops it.
    const renamed = (ids: Record<string, string>) => ({
      ...model.portfolio,
      releases: model.portfolio.releases.map((r) => (ids[r.release.id] ? { ...r, release: { ...r.release, id: ids[r.release.id]! } } : r)),
    });
    const [r1, r2] = model.portfolio.releases.filter((r) => r.status).map((r) => r.release.id) as [string, string];
    const now = statusSnapshot(renamed({ [r1]: '__proto__', [r2]: 'constructor' }), AS_OF);
    expect(Object.keys(now.releases)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    const dir = tempDir('almanac-status-');
    writeStatusSnapshot(dir, { ...now, asOf: '2026-03-24' });
    const previous = previousSnapshot(dir, AS_OF)!;
    expect(Object.keys(previous.releases).sort()).toEqual(Object.keys(now.releases).sort());
    expect(statusChanges(previous, now, () => null).changes).toEqual([]);
    // Only now named `constructor`: added, not taken for Object's own `constructor`.
    const before = statusSnapshot(renamed({ [r1]: '__proto__' }), '2026-03-24');
    expect(statusChanges(before, now, () => null).changes.map((c) => [c.id, c.before])).toEqual(
      expect.arrayContaining([['constructor', null], [r2, expect.objectContaining({ name: before.releases[r2]!.name })]]),
    );
  });

  it('names a broken snapshot file instead of crashing', () => {
    const dir = tempDir('almanac-status-');
    fs.writeFileSync(path.join(dir, '2026-03-01.json'), '{"asOf": "2026-03-01", "releases": {}}');
    expect(() => previousSnapshot(dir, AS_OF)).toThrow(/2026-03-01\.json: \/projects: .*not a status snapshot/);
  });
});
