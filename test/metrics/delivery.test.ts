// Known answers for the delivery (DORA) metrics, by hand from test/fixtures/metrics/delivery/ (canonical
// CSV, ingested for real; as of 2026-03-31, UTC; months Jan 31 days, Feb 28, Mar 31, together 90).
// Systems: pay and card owned by Payments Team, web by Digital Team. Attributions (attribution.test.ts):
// INC01 → DEP01, INC02 → DEP04, INC03 → DEP21 (fallback), INC05 → DEP20, INC07 → DEP05, INC09 → DEP07 (UAT);
// INC04 → CHG04 (card) by change-link; INC06 (opened 168 h and 1 s after DEP24) and INC08 unattributed.
// Production deployments (DEP07 is on UAT: never counted; DEP11 has no flag but deploys to PRD):
//   pay  DEP01 Jan 12 success (INC01 → failed)  DEP02 Jan 12 success
//        DEP03 Feb 3 failure (failed)  DEP04 Feb 4 success (INC02 → failed)
//        DEP08 Feb 5 11:00 success — rework: INC02 (of the earlier DEP04) open Feb 5 09:00–15:00
//        DEP05 Feb 18 success — release PE is an emergency release: rework; INC07 → failed
//        DEP06 Mar 2 success without finished_at: not finished (no CFR, no rework), but a deployment day
//   card DEP10 Jan 20 rolled back (failed)  DEP11 Jan 21 success
//   web  DEP20 Jan 20 success (INC05 → failed)
//        DEP21 Jan 27 12:00 success — rework: INC05 (of the earlier DEP20) opened at that very instant;
//              INC03 → failed
//        DEP22 Mar 10 cancelled: not finished, no day; DEP23 Mar 11 success
//        DEP24 Mar 12 success — release WH is named by the emergency change CHG05: rework
// Deployment frequency = days with a successful production deployment ÷ (days ÷ 7):
//   all Jan 12, 20, 21, 27 → 4/(31/7) = 0.9032; Feb 4, 5, 18 → 3/4 = 0.75; Mar 2, 11, 12 → 0.6774; all 10/(90/7) = 0.7778
//   pay Jan 0.2258, Feb 0.75, Mar 0.2258, all 5/(90/7) = 0.3889; card Jan 0.2258, Feb 0, Mar 0, all 0.0778;
//   web Jan 0.4516, Feb 0, Mar 0.4516, all 0.3111; Payments Team Jan 2 days 0.4516, all 6/(90/7) = 0.4667.
// Change failure rate (failed ÷ finished): all Jan 4/6 = 0.6667, Feb 3/4 = 0.75, Mar 0/2 = 0, all 7/12 = 0.5833;
//   pay Jan 1/2, Feb 3/4, Mar none, all 4/6 = 0.6667; card Jan 1/2, all 0.5; web Jan 2/2 = 1, Mar 0, all 2/4 = 0.5;
//   Payments Team Jan 2/4 = 0.5, Feb 0.75, all 5/8 = 0.625.
// Rework rate (rework ÷ finished): all Jan 1/6 = 0.1667, Feb 2/4 = 0.5, Mar 1/2 = 0.5, all 4/12 = 0.3333;
//   pay Feb 0.5, all 2/6 = 0.3333; web Jan 0.5, Mar 0.5, all 0.5; card 0.
// Recovery hours (month resolved; every rule): INC01 pay 2, INC02 pay 6, INC03 web 12, INC04 card 1, INC05 web 2,
//   INC07 pay 48 (Feb 21), INC09 pay 1. all Jan 1 2 2 12 → 2; Feb 1 6 48 → 6; all 1 1 2 2 6 12 48 → 2;
//   pay Jan 2, Feb 6, all 1 2 6 48 → 4; web Jan 2 12 → 7; card 1; Payments Team Jan 1 2 → 1.5, all → 2.
// Lead time for changes: the first successful finished production deployment of each release per system:
//   P1 pay DEP01 (ends Jan 12 10:30), P2 pay DEP04 (Feb 4 09:30), PE pay DEP05 (Feb 18 20:15), W1 web DEP20
//   (Jan 20 12:30) and card DEP11 (Jan 21 08:40), WH web DEP24 (Mar 12 10:20); W2 never reached production.
//   K1 P1 10 d, K2 P1 5 d, K5 P2 10 d, K7 P1;P2 → P1 first: 1 d, K10 PE 2 d, K6 W1 → web 10 d, card 10 d 20 h 10 min = 10.8403 d,
//   all (web first) 10 d; K3 epic, K4 not done, K8 W2 and K9 (created after WH reached production) left out.
//   all Jan 1 5 10 10 → 7.5, Feb 2 10 → 6, all → 7.5; pay Jan 1 5 10 → 5, Feb 6, all 1 2 5 10 10 → 5;
//   card Jan 10.84; web Jan 10; Payments Team Jan 1 5 10 10.8403 → 7.5.
// Tiers (2024): all Jan: frequency 0.9032 medium, lead time 7.5 medium, CFR 0.6667 low, recovery 2 h high → low;
//   pay Jan: 0.2258 medium (one day in a 31-day month), 5 d high, 0.5 low, 2 h high; web Mar: 0.4516 medium,
//   CFR 0 elite → medium; card Feb: frequency 0 → low.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { lowestTier, tierOf, tierTable } from '../../src/metrics/dora-tiers.ts';
import { leadTimes } from '../../src/metrics/delivery-lead-time.ts';
import { delivery } from '../../src/metrics/delivery.ts';
import { itemStarts } from '../../src/report/operations-inputs.ts';
import { ConfigSchema } from '../../src/ingest/config.ts';
import { memoryDb } from '../helpers/context.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/delivery')], { asOf: '2026-03-31' });
});

const series = (m: string, kind = 'all', id = '*') =>
  Object.fromEntries(model.metrics.filter((r) => r.metric === m && r.scope_kind === kind && r.scope_id === id).map((r) => [r.period, r.value]));

describe('deployment frequency', () => {
  it('counts days with a successful production deployment per week, 0 included, per system, team and overall', () => {
    expect(series('delivery.deployment_frequency')).toEqual({ '2026-01': 0.9032, '2026-02': 0.75, '2026-03': 0.6774, all: 0.7778 });
    expect(series('delivery.deployment_frequency', 'system', 'pay')).toEqual({ '2026-01': 0.2258, '2026-02': 0.75, '2026-03': 0.2258, all: 0.3889 });
    expect(series('delivery.deployment_frequency', 'system', 'card')).toEqual({ '2026-01': 0.2258, '2026-02': 0, '2026-03': 0, all: 0.0778 });
    expect(series('delivery.deployment_frequency', 'system', 'web')).toEqual({ '2026-01': 0.4516, '2026-02': 0, '2026-03': 0.4516, all: 0.3111 });
    expect(series('delivery.deployment_frequency', 'team', 'Payments Team')).toMatchObject({ '2026-01': 0.4516, all: 0.4667 });
    expect(model.delivery.months).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('change failure rate', () => {
  it('divides failed, rolled back and incident-causing deployments by finished production deployments', () => {
    expect(series('delivery.change_failure_rate')).toEqual({ '2026-01': 0.6667, '2026-02': 0.75, '2026-03': 0, all: 0.5833 });
    expect(series('delivery.change_failure_rate', 'system', 'pay')).toEqual({ '2026-01': 0.5, '2026-02': 0.75, all: 0.6667 });
    expect(series('delivery.change_failure_rate', 'system', 'web')).toEqual({ '2026-01': 1, '2026-03': 0, all: 0.5 });
    expect(series('delivery.change_failure_rate', 'team', 'Payments Team')).toEqual({ '2026-01': 0.5, '2026-02': 0.75, all: 0.625 });
    expect(model.metrics.find((r) => r.metric === 'delivery.change_failure_rate' && r.scope_id === 'pay' && r.period === '2026-02')!.detail).toBe(
      '3 of 4 finished production deployments failed, were rolled back or caused an incident: DEP03 (failure), DEP04 (INC02), DEP05 (INC07)',
    );
  });

  it('leaves out deployments without a finish time, cancelled ones and those to other environments', () => {
    const pay = model.delivery.systems.find((s) => s.id === 'pay')!;
    expect(pay.months.map((m) => m.deployments)).toEqual([2, 4, 0]);
    expect(pay.total.deployments).toBe(6);
    expect(model.delivery.systems.find((s) => s.id === 'web')!.months[2]!.deployments).toBe(2);
  });
});

describe('rework rate', () => {
  it('counts emergency releases, releases of emergency changes and deployments made while an earlier one’s incident was open', () => {
    expect(series('delivery.rework_rate')).toEqual({ '2026-01': 0.1667, '2026-02': 0.5, '2026-03': 0.5, all: 0.3333 });
    expect(series('delivery.rework_rate', 'system', 'pay')).toEqual({ '2026-01': 0, '2026-02': 0.5, all: 0.3333 });
    expect(series('delivery.rework_rate', 'system', 'web')).toEqual({ '2026-01': 0.5, '2026-03': 0.5, all: 0.5 });
    expect(series('delivery.rework_rate', 'system', 'card')).toEqual({ '2026-01': 0, all: 0 });
    expect(model.metrics.find((r) => r.metric === 'delivery.rework_rate' && r.scope_kind === 'all' && r.period === 'all')!.detail).toBe(
      '4 of 12 finished production deployments were rework: DEP05 (release PE is of type emergency), DEP08 (started while INC02 (attributed to DEP04) was open), '
        + 'DEP21 (started while INC05 (attributed to DEP20) was open), DEP24 (release WH is named by the emergency change CHG05)',
    );
  });
});

describe('failed deployment recovery time', () => {
  it('takes the median of opened → resolved in hours over attributed incidents, by month resolved', () => {
    expect(series('delivery.recovery_hours_median')).toEqual({ '2026-01': 2, '2026-02': 6, all: 2 });
    expect(series('delivery.recovery_hours_median', 'system', 'pay')).toEqual({ '2026-01': 2, '2026-02': 6, all: 4 });
    expect(series('delivery.recovery_hours_median', 'system', 'web')).toEqual({ '2026-01': 7, all: 7 });
    expect(series('delivery.recovery_hours_median', 'system', 'card')).toEqual({ '2026-01': 1, all: 1 });
    expect(series('delivery.recovery_hours_median', 'team', 'Payments Team')).toEqual({ '2026-01': 1.5, '2026-02': 6, all: 2 });
  });
});

describe('lead time for changes', () => {
  it('runs from an item’s creation to the end of the first successful production deployment of its release', () => {
    expect(series('delivery.lead_time_days_median')).toEqual({ '2026-01': 7.5, '2026-02': 6, all: 7.5 });
    expect(series('delivery.lead_time_days_median', 'system', 'pay')).toEqual({ '2026-01': 5, '2026-02': 6, all: 5 });
    expect(series('delivery.lead_time_days_median', 'system', 'card')).toEqual({ '2026-01': 10.84, all: 10.84 });
    expect(series('delivery.lead_time_days_median', 'system', 'web')).toEqual({ '2026-01': 10, all: 10 });
    expect(series('delivery.lead_time_days_median', 'team', 'Payments Team')).toEqual({ '2026-01': 7.5, '2026-02': 6, all: 7.5 });
    expect(model.delivery.all!.total.leadTimeItems).toBe(6);
  });

  it('starts work at the first transition into an in-progress status when the changelog is exported', async () => {
    const db = await memoryDb();
    try {
      await db.run(`INSERT INTO deployment (id, release_id, started_at, status) VALUES ('D', 'R', '2026-01-10 00:00:00', 'success')`);
      await db.run(`INSERT INTO work_item (key, type, status, status_category, release_ids, created) VALUES
        ('A', 'story', 'Done', 'done', ['R'], '2026-01-01 00:00:00'), ('B', 'story', 'In Review', 'in_progress', ['R'], '2026-01-01 00:00:00'),
        ('C', 'story', 'Done', 'done', ['R'], '2026-01-02 00:00:00'), ('E', 'epic', 'Done', 'done', ['R'], '2026-01-01 00:00:00'),
        ('F', 'story', 'Done', 'done', ['OTHER'], '2026-01-01 00:00:00')`);
      await db.run(`INSERT INTO work_item_transition (key, "at", from_status, to_status) VALUES
        ('A', '2026-01-03 00:00:00', 'To Do', 'in review'), ('A', '2026-01-05 00:00:00', 'In Review', 'Done'), ('A', '2026-01-04 00:00:00', 'Done', 'In Review'),
        ('C', '2026-01-03 00:00:00', 'To Do', 'Blocked')`);
      expect(await itemStarts(db)).toEqual([
        { releaseIds: ['R'], start: Date.parse('2026-01-02T00:00:00Z'), items: 1 },
        { releaseIds: ['R'], start: Date.parse('2026-01-03T00:00:00Z'), items: 1 },
      ]);
    } finally {
      db.close();
    }
  });

  it('takes, per scope, the earliest first deployment of any of an item’s releases', () => {
    const dep = (id: string, system: string, release: string, start: string, end: string) =>
      ({ d: { id, system_id: system, release_id: release, started_at: start, finished_at: end, status: 'success' as const, production: true }, month: start.slice(0, 7) });
    const keys = (s: string | null) => ['all', ...(s ? [s] : [])];
    const out = leadTimes(
      [dep('X2', 'a', 'R2', '2026-02-01T00:00:00Z', '2026-02-01T12:00:00Z'), dep('X1', 'b', 'R1', '2026-01-31T00:00:00Z', '2026-01-31T06:00:00Z')],
      [{ releaseIds: ['R1', 'R2'], start: Date.parse('2026-01-30T06:00:00Z'), items: 2 }],
      keys,
    );
    expect([...out.scopes].flatMap(([scope, l]) => l.days.map((days, i) => [scope, out.releases[l.release[i]!], out.months[l.month[i]!], days, l.items[i]]))).toEqual([
      ['all', 'R1', '2026-01', 1, 2], ['b', 'R1', '2026-01', 1, 2], ['a', 'R2', '2026-02', 2.25, 2],
    ]);
  });
});

describe('deployment days on the time zone’s calendar', () => {
  it('puts a deployment at 23:30 UTC on Jan 31 on February 1 in Paris', () => {
    const d = { id: 'D', system_id: 's', release_id: null, started_at: '2026-01-31T23:30:00Z', finished_at: '2026-01-31T23:40:00Z', status: 'success' as const, production: true };
    const run = (timeZone: string) => delivery({ deployments: [d], attributions: [], incidents: [], owners: new Map(), emergencyReleases: new Map(), items: [], timeZone, asOf: '2026-02-28' });
    expect(run('UTC').scopes[0]!.months.map((m) => [m.period, m.deploymentDays])).toEqual([['2026-01', 1], ['2026-02', 0]]);
    expect(run('Europe/Paris').scopes[0]!.months.map((m) => [m.period, m.deploymentDays])).toEqual([['2026-02', 1]]);
  });
});

describe('DORA tiers', () => {
  it('writes the tier of each measure and the lowest of them, per scope and month, for the report year', () => {
    const tier = (kind: string, id: string, period: string) =>
      Object.fromEntries(model.metrics.filter((r) => r.metric.endsWith('tier') && r.scope_kind === kind && r.scope_id === id && r.period === period).map((r) => [r.metric, r.value]));
    expect(tier('all', '*', '2026-01')).toEqual({
      'delivery.deployment_frequency_tier': 'medium', 'delivery.lead_time_tier': 'medium', 'delivery.change_failure_rate_tier': 'low', 'delivery.recovery_tier': 'high', 'delivery.tier': 'low',
    });
    expect(tier('system', 'pay', '2026-01')).toEqual({
      'delivery.deployment_frequency_tier': 'medium', 'delivery.lead_time_tier': 'high', 'delivery.change_failure_rate_tier': 'low', 'delivery.recovery_tier': 'high', 'delivery.tier': 'low',
    });
    expect(tier('system', 'web', '2026-03')).toEqual({ 'delivery.deployment_frequency_tier': 'medium', 'delivery.change_failure_rate_tier': 'elite', 'delivery.tier': 'medium' });
    expect(tier('system', 'card', '2026-02')).toEqual({ 'delivery.deployment_frequency_tier': 'low', 'delivery.tier': 'low' });
    expect(model.metrics.find((r) => r.metric === 'delivery.deployment_frequency_tier' && r.scope_id === 'pay' && r.period === '2026-01')!.detail)
      .toBe('DORA 2024: medium (≥ 0.2258 per week); delivery.deployment_frequency = 0.2258');
    expect(model.delivery.tiers.reportYear).toBe(2024);
    expect(model.delivery.all!.months[0]!.tiers).toEqual({ deploymentFrequency: 'medium', leadTime: 'medium', changeFailureRate: 'low', recovery: 'high', overall: 'low' });
  });

  it('gives the best tier whose threshold a value meets, at the boundaries', () => {
    const t = tierTable(2024);
    expect([5, 4.99, 1, 0.2258, 0.2257, 0].map((v) => tierOf(t, 'deployment_frequency', v))).toEqual(['elite', 'high', 'high', 'medium', 'low', 'low']);
    expect([0.99, 1, 7, 7.01, 30, 30.01].map((v) => tierOf(t, 'lead_time', v))).toEqual(['elite', 'high', 'high', 'medium', 'medium', 'low']);
    // The report's medium cluster (10 %) fails less than its high one (20 %): no rate is medium.
    expect([0, 0.05, 0.06, 0.1, 0.2, 0.21].map((v) => tierOf(t, 'change_failure_rate', v))).toEqual(['elite', 'elite', 'high', 'high', 'high', 'low']);
    expect([0.99, 1, 23.99, 24].map((v) => tierOf(t, 'recovery', v))).toEqual(['elite', 'high', 'high', 'low']);
    expect(tierOf(t, 'recovery', null)).toBeNull();
    expect([lowestTier(['elite', null, 'high']), lowestTier([null, null])]).toEqual(['high', null]);
    expect(() => tierTable(1999)).toThrow(/no DORA tier thresholds for report year 1999; known years: 2024/);
    expect(model.delivery.tiers.thresholds.find((r) => r.measure === 'change_failure_rate')).toMatchObject({ elite: '≤ 5 %', high: '≤ 20 %', medium: null, low: 'anything else' });
  });

  it('takes the report year from the config, the latest known by default, and refuses an unknown one', () => {
    expect(ConfigSchema.parse({}).delivery.reportYear).toBe(2024);
    expect(ConfigSchema.parse({ delivery: { reportYear: 2024 } }).delivery.reportYear).toBe(2024);
    const bad = ConfigSchema.safeParse({ delivery: { reportYear: 2019 } });
    expect(bad.success ? null : bad.error.issues[0]!.message).toBe('a DORA report year with tier thresholds: 2024');
  });
});
