// Known answers for the change metrics, by hand from test/fixtures/metrics/changes/ (canonical CSV,
// ingested for real; as of 2026-03-31, time zone UTC). Freezes: "Year start" Jan 1–2 (dates, so
// [Jan 1, Jan 3)) covers all; "Quarter close" Jan 29–31 ([Jan 29, Feb 1)) covers ledger; "Payments go-live"
// [Feb 10 00:00, Feb 12 00:00) (instants) covers pay.
//   change  type   state     system team      opened     closed (code)          lead    approved (days) planned window           freeze
//   CHG01   normal closed    pay   Payments   Jan 2 08h  Jan 5 20h succ         3.5     Jan 3 (1)       Jan 5 10–12h             –
//   CHG02   normal closed    pay   Payments   Jan 3      Jan 6 unsucc           3       Jan 4 12h (1.5) Jan 5 11–13h             –
//   CHG03   std    closed    pay   Payments   Jan 5 09h  Jan 5 15h with issues  0.25    –               Jan 5 13–14h (touches 02) –
//   CHG04   emerg  closed    ledger Ledger    Jan 30 01h Jan 31 01h succ        1       Jan 30 01:30 (0.0208) Jan 30 02–04h    Quarter close, exempt
//   CHG05   normal closed    ledger Ledger    Jan 20 10h Jan 30 10h succ (unauth) 10    –               Jan 29 20–22h            Quarter close ✔ (Jan)
//   CHG06   normal canceled  ledger Ledger    Jan 21     Jan 22 cancelled       –       –               Jan 30 03–05h            cancelled: not counted
//   CHG07   normal closed    web   Digital    Dec 15     Jan 2 12h succ         18.5    Dec 20 (5)      Jan 1 22h – Jan 2 02h    Year start ✔ (Jan)
//   CHG08   normal closed    pay   Payments   Feb 1      Feb 12 12h succ        11.5    Feb 3 (2)       Feb 11 23h – Feb 12 01h  Payments go-live ✔ (Feb)
//   CHG09   normal closed    pay   Payments   Feb 2      Feb 13 unsucc          11      –               Feb 12 00–02h            starts at the freeze's end: –
//   CHG10   normal closed    ledger Ledger    Jan 25     Feb 2 succ             8       –               Feb 1 00–02h             starts at the freeze's end: –
//   CHG11   emerg  closed    web   Digital    Feb 20     Feb 20 06h succ (unauth) 0.25  –               –                        –
//   CHG12   normal scheduled web   Digital    Mar 10     –                      –       Mar 12 (2)      Apr 10 00–02h            –
//   CHG13   normal closed    pay   Platform   Mar 1      Mar 3 (no code)        2       –               –                        –
//   CHG14   normal new       –     Platform   Jan 31 23:30 (February in Paris)
//   CHG15   normal closed    pay   Payments   Feb 5      Feb 11 succ            6       –               Feb 10 12h, no end       Payments go-live ✔ (Feb)
// Opened: Dec 1, Jan 8, Feb 4, Mar 2 (all 15). Emergency Jan 1/8 = 0.125, Feb 1/4 = 0.25, all 2/15 = 0.1333;
// unauthorized the same. Success (closed with a code other than cancelled): Jan 01 02 03 04 05 07 →
// 5/6 = 0.8333; Feb 08 09 10 11 15 → 4/5 = 0.8; all 9/11 = 0.8182 (CHG06 cancelled, CHG13 no code).
// Lead time: Jan 0.25 1 3 3.5 10 18.5 → 3.25; Feb 0.25 6 8 11 11.5 → 8; Mar 2; all (12) → (3.5 + 6)/2 = 4.75;
// Ledger Team: Jan 04 05 → (1 + 10)/2 = 5.5, Feb 10 → 8, all 1 8 10 → 8.
// Approval: Dec 5; Jan 0.0208 1 1.5 → 1; Feb 2; Mar 2; all → (1.5 + 2)/2 = 1.75.
// In freeze (by planned start): Jan 05 07 → 2, Feb 08 15 → 2, Mar 0, Apr 0; all 4.
// Collisions: pay 01×02 (11–12h), 08×09 (Feb 12 00–01h) → 2; 02/03 touch; ledger 04/06 overlap but 06 is
// cancelled → 0; web 0.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { analyseChanges, changeMetrics, dateChanges } from '../../src/metrics/changes.ts';
import { latest, LIST_LIMIT } from '../../src/report/changes-page.ts';
import { collisions, freezesHit, freezeWindows } from '../../src/metrics/change-windows.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

/** Source files are named relative to the working directory the ingest ran in. */
const DIR = path.relative(process.cwd(), path.join(FIXTURES, 'metrics/changes'));

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/changes')], { asOf: '2026-03-31' });
});

const series = (m: string, kind = 'all', id = '*') =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));
const byScope = (m: string, kind: string, period = 'all') =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.period === period).map((r) => [r.scope_id, r.value]));

describe('changes opened, and their emergency and unauthorized shares', () => {
  it('counts changes by the month they were opened, 0 included, and overall', () => {
    expect(series('changes.count')).toEqual({ '2025-12': 1, '2026-01': 8, '2026-02': 4, '2026-03': 2, all: 15 });
    expect(series('changes.count', 'system', 'pay')).toEqual({ '2025-12': 0, '2026-01': 3, '2026-02': 3, '2026-03': 1, all: 7 });
    expect(series('changes.count', 'team', 'Platform Team')).toEqual({ '2025-12': 0, '2026-01': 1, '2026-02': 0, '2026-03': 1, all: 2 });
  });

  it('divides emergency and unauthorized changes by all changes opened, cancelled ones included', () => {
    expect(series('changes.emergency_share')).toEqual({ '2025-12': 0, '2026-01': 0.125, '2026-02': 0.25, '2026-03': 0, all: 0.1333 });
    expect(series('changes.unauthorized_share')).toEqual({ '2025-12': 0, '2026-01': 0.125, '2026-02': 0.25, '2026-03': 0, all: 0.1333 });
    expect(series('changes.emergency_share', 'system', 'ledger')).toEqual({ '2026-01': 0.25, all: 0.25 });
  });

  it('writes the funnel: changes by current state, every state', () => {
    expect(byScope('changes.count', 'category')).toEqual({ new: 1, assess: 0, authorize: 0, scheduled: 1, implement: 0, review: 0, closed: 12, canceled: 1 });
    expect(model.changes.funnel.map((f) => f.state)).toEqual(['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled']);
  });
});

describe('change success rate', () => {
  it('divides successful (with or without issues) by closed with a code other than cancelled, by month closed', () => {
    expect(series('changes.success_rate')).toEqual({ '2026-01': 0.8333, '2026-02': 0.8, all: 0.8182 });
    expect(series('changes.success_rate', 'system', 'pay')).toEqual({ '2026-01': 0.6667, '2026-02': 0.6667, all: 0.6667 });
    expect(model.changes.successBy.closeCode).toEqual([
      { closeCode: 'successful', changes: 8 }, { closeCode: 'successful_with_issues', changes: 1 }, { closeCode: 'unsuccessful', changes: 2 }, { closeCode: 'cancelled', changes: 1 },
    ]);
    expect(model.changes.successBy.team.map((t) => [t.team, t.closed, t.successRate])).toEqual([
      ['Digital Team', 2, 1], ['Ledger Team', 3, 1], ['Payments Team', 6, 0.6667], ['Platform Team', 0, null],
    ]);
  });
});

describe('change lead time and time to approval', () => {
  it('takes the median of opened → closed in fractional days, by month closed, cancelled changes excluded', () => {
    expect(series('changes.lead_time_days_median')).toEqual({ '2026-01': 3.25, '2026-02': 8, '2026-03': 2, all: 4.75 });
    expect(series('changes.lead_time_days_median', 'team', 'Ledger Team')).toEqual({ '2026-01': 5.5, '2026-02': 8, all: 8 });
  });

  it('takes the median of opened → approved by month approved', () => {
    expect(series('changes.approval_days_median')).toEqual({ '2025-12': 5, '2026-01': 1, '2026-02': 2, '2026-03': 2, all: 1.75 });
    const chg04 = model.changes.rows.find((r) => r.number === 'CHG04')!;
    expect([chg04.leadTimeDays, chg04.approvalDays]).toEqual([1, 0.02]);
  });
});

describe('changes inside freeze windows', () => {
  it('counts non-cancelled, non-emergency changes planned inside a freeze of their system, by month of planned start', () => {
    expect(series('changes.in_freeze')).toEqual({ '2026-01': 2, '2026-02': 2, '2026-03': 0, '2026-04': 0, all: 4 });
    expect(series('changes.in_freeze', 'system', 'ledger')).toEqual({ '2026-01': 1, '2026-02': 0, '2026-03': 0, '2026-04': 0, all: 1 });
    const inFreeze = model.changes.rows.filter((r) => r.inFreeze).map((r) => [r.number, r.freezes]);
    expect(inFreeze).toEqual([['CHG07', ['Year start']], ['CHG05', ['Quarter close']], ['CHG08', ['Payments go-live']], ['CHG15', ['Payments go-live']]]);
  });

  it('lists the freeze an emergency or cancelled change falls in without counting it; a window starting at the freeze’s end is outside', () => {
    const row = (n: string) => model.changes.rows.find((r) => r.number === n)!;
    expect([row('CHG04').freezes, row('CHG04').inFreeze]).toEqual([['Quarter close'], false]);
    expect([row('CHG06').freezes, row('CHG06').inFreeze, row('CHG06').cancelled]).toEqual([['Quarter close'], false, true]);
    expect([row('CHG09').freezes, row('CHG10').freezes]).toEqual([[], []]);
    expect(model.changes.calendar.freezes.map((f) => [f.name, f.firstDay, f.lastDay, f.scope, f.changes.map((c) => c.number)])).toEqual([
      ['Year start', '2026-01-01', '2026-01-02', null, ['CHG07']],
      ['Quarter close', '2026-01-29', '2026-01-31', ['ledger'], ['CHG05']],
      ['Payments go-live', '2026-02-10', '2026-02-11', ['pay'], ['CHG08', 'CHG15']],
    ]);
  });
});

describe('change collisions', () => {
  it('counts overlapping planned windows of non-cancelled changes per system; touching windows do not collide', () => {
    expect(byScope('changes.collisions', 'system')).toEqual({ ledger: 0, pay: 2, web: 0 });
    expect(byScope('changes.collisions', 'all')).toEqual({ '*': 2 });
    expect(model.metrics.find((r) => r.metric === 'changes.collisions' && r.scope_id === 'pay')!.detail).toBe(
      'CHG01 × CHG02 (2026-01-05T11:00:00.000Z – 2026-01-05T12:00:00.000Z); CHG08 × CHG09 (2026-02-12T00:00:00.000Z – 2026-02-12T01:00:00.000Z)',
    );
    expect(model.changes.collisions.map((c) => [c.system.id, c.changes.map((x) => x.number), c.overlapStart, c.overlapEnd])).toEqual([
      ['pay', ['CHG01', 'CHG02'], '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z'],
      ['pay', ['CHG08', 'CHG09'], '2026-02-12T00:00:00Z', '2026-02-12T01:00:00Z'],
    ]);
    expect(model.changes.rows.find((r) => r.number === 'CHG02')!.collidesWith.map((c) => c.number)).toEqual(['CHG01']);
  });
});

describe('incidents caused by changes', () => {
  it('links incidents and changes both ways, with each row’s source', () => {
    expect(model.changes.causedIncidents.map((i) => [i.number, i.change.number, i.known, i.source.file, i.source.line])).toEqual([
      ['INC1', 'CHG02', true, `${DIR}/incidents.csv`, 2],
      ['INC2', 'CHG99', false, `${DIR}/incidents.csv`, 3],
    ]);
    const chg02 = model.changes.rows.find((r) => r.number === 'CHG02')!;
    expect([chg02.incidents.map((i) => i.number), chg02.source]).toEqual([['INC1'], { file: `${DIR}/changes.csv`, line: 3, pointer: null }]);
    expect(model.changes.totals).toMatchObject({ changes: 15, inFreeze: 4, collisions: 2, causedIncidents: 2, leadTimeMedian: 4.75, approvalMedian: 1.75 });
  });

  it('lists every change, and says how many of each list it holds', () => {
    expect(model.changes.listed).toEqual({ rows: 15, total: 15, collisions: 2, totalCollisions: 2, causedIncidents: 2 });
    expect(model.changes.rows.map((r) => r.number).slice(0, 3)).toEqual(['CHG07', 'CHG01', 'CHG02']);
  });
});

describe('change windows and months on the time zone’s calendar', () => {
  it('puts a change opened at 23:30 UTC on Jan 31 in February in Paris', () => {
    const chg14 = { number: 'X', type: null, state: null, system_id: null, release_id: null, assignment_group: null, planned_start: null, planned_end: null, opened_at: '2026-01-31T23:30:00Z', approved_at: null, closed_at: null, close_code: null, unauthorized: null };
    expect(dateChanges([chg14], [], 'UTC')[0]!.opened).toBe('2026-01');
    expect(dateChanges([chg14], [], 'Europe/Paris')[0]!.opened).toBe('2026-02');
  });

  it('treats windows as half-open, ignores a window that ends before it starts, and caps long lists', () => {
    const base = { number: 'A', type: 'normal' as const, state: 'scheduled' as const, system_id: 's', release_id: null, assignment_group: null, opened_at: '2026-01-01T00:00:00Z', approved_at: null, closed_at: null, close_code: null, unauthorized: null };
    const freeze = freezeWindows([{ name: 'F', start: '2026-01-10T00:00:00Z', end: '2026-01-11T00:00:00Z', scope: ['ALL'] }]);
    expect(freezesHit({ ...base, planned_start: '2026-01-09T22:00:00Z', planned_end: '2026-01-10T00:00:00Z' }, freeze)).toEqual([]);
    expect(freezesHit({ ...base, planned_start: '2026-01-09T22:00:00Z', planned_end: '2026-01-10T00:00:01Z' }, freeze)).toEqual(['F']);
    expect(freezesHit({ ...base, planned_start: '2026-01-10T12:00:00Z', planned_end: '2026-01-10T11:00:00Z' }, freeze)).toEqual([]);
    expect(freezesHit({ ...base, planned_start: '2026-01-11T00:00:00Z', planned_end: null }, freeze)).toEqual([]);
    const w = (number: string, s: string, e: string) => ({ ...base, number, planned_start: s, planned_end: e });
    expect(collisions([w('A', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), w('B', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z')])).toEqual([]);
    const many = Array.from({ length: 8 }, (_, i) => w(`C${i}`, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'));
    const detail = changeMetrics(analyseChanges(dateChanges(many, [], 'UTC')), '2026-01-31').find((r) => r.metric === 'changes.collisions' && r.scope_kind === 'system')!;
    expect([detail.value, detail.detail.split('; ').length, detail.detail.endsWith('; … and 8 more')]).toEqual([28, 21, true]);
    expect(latest(Array.from({ length: LIST_LIMIT + 2 }, (_, i) => i))).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => i + 2));
    expect(collisions([w('A', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'), w('B', '2026-01-01T12:00:00Z', '2026-01-02T00:00:00Z'), w('C', '2026-01-01T18:00:00Z', '2026-01-04T00:00:00Z')]).map((p) => `${p.a}×${p.b}`))
      .toEqual(['A×B', 'A×C', 'B×C']);
  });
});
