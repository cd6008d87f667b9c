// Known answers for incident attribution, by hand from test/fixtures/metrics/delivery/ (canonical CSV,
// ingested for real; UTC). Successful production deployments: pay DEP01 Jan 12 10:00, DEP02 Jan 12 15:00,
// DEP04 Feb 4 09:00, DEP08 Feb 5 11:00, DEP05 Feb 18 20:00, DEP06 Mar 2 09:00; card DEP11 Jan 21 08:00;
// web DEP20 Jan 20 12:00, DEP21 Jan 27 12:00, DEP23 Mar 11 10:00, DEP24 Mar 12 10:00. Not usable: DEP03
// (failure), DEP10 (rolled back), DEP22 (cancelled), DEP07 (UAT).
//   INC01 caused_by_deployment DEP01                       → deployment-link DEP01 (pay)
//   INC09 caused_by_deployment DEP07 (UAT, still a known deployment) → deployment-link DEP07 (pay)
//   INC02 caused_by_change CHG02 (pay, release P2), opened Feb 5 09:00: P2 on pay before it → DEP04 (DEP03
//         failed, DEP07 is UAT, DEP08 starts later)        → change-release-link DEP04
//   INC04 caused_by_change CHG04 (card, release W1), opened Jan 19: W1's first successful production
//         deployment is DEP20 on Jan 20 (DEP10 Jan 20 rolled back); no card deployment in the 168 h
//         before either                                    → change-link CHG04 (card)
//   INC03 caused_by_change CHG03 (web, no release), opened Jan 28 00:00: the fallback finds DEP21
//         (web, Jan 27 12:00, 12 h before)                 → same-system-fallback DEP21
//   INC05 web, no link, opened Jan 27 12:00: DEP21 starts at that instant (not before it); DEP20 started
//         exactly 168 h before (included)                  → same-system-fallback DEP20
//   INC07 pay, caused_by_deployment DEP99 (no export holds it), opened Feb 19 00:00: DEP05 4 h before
//                                                          → same-system-fallback DEP05
//   INC06 web, opened Mar 19 10:00:01: DEP24 started 168 h and 1 s before → unattributed
//   INC08 no system, no link                               → unattributed
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportModel } from '../../src/report/model.ts';
import { attributeIncidents, type ChangeLinkFacts, type DeploymentFacts, type IncidentFacts } from '../../src/metrics/attribution.ts';
import { FIXTURES } from '../helpers/ingest.ts';
import { modelOf } from '../helpers/model.ts';

const DIR = path.relative(process.cwd(), path.join(FIXTURES, 'metrics/delivery'));

let model: ReportModel;
beforeAll(async () => {
  model = await modelOf([path.join(FIXTURES, 'metrics/delivery')], { asOf: '2026-03-31' });
});

describe('incident attribution on the fixture', () => {
  it('applies the explicit links first, then the same-system fallback', () => {
    const rows = model.delivery.attributions.map((a) => [a.incident.number, a.rule, a.deployment?.id ?? null, a.change?.number ?? null, a.release?.id ?? null, a.system?.id ?? null]);
    expect(rows).toEqual([
      ['INC01', 'deployment-link', 'DEP01', null, 'P1', 'pay'],
      ['INC04', 'change-link', null, 'CHG04', 'W1', 'card'],
      ['INC05', 'same-system-fallback', 'DEP20', null, 'W1', 'web'],
      ['INC03', 'same-system-fallback', 'DEP21', 'CHG03', null, 'web'],
      ['INC09', 'deployment-link', 'DEP07', null, 'P2', 'pay'],
      ['INC02', 'change-release-link', 'DEP04', 'CHG02', 'P2', 'pay'],
      ['INC08', null, null, null, null, null],
      ['INC07', 'same-system-fallback', 'DEP05', null, 'PE', 'pay'],
      ['INC06', null, null, null, null, 'web'],
    ]);
    expect(model.delivery.attributionCounts).toEqual([
      { rule: 'deployment-link', incidents: 2 }, { rule: 'change-release-link', incidents: 1 }, { rule: 'change-link', incidents: 1 },
      { rule: 'same-system-fallback', incidents: 3 }, { rule: 'unattributed', incidents: 2 },
    ]);
  });

  it('writes which incidents each rule took into the metrics', () => {
    const rows = Object.fromEntries(model.metrics.filter((r) => r.metric === 'delivery.attributed_incidents').map((r) => [r.scope_id, [r.value, r.detail]]));
    expect(rows).toEqual({
      'deployment-link': [2, 'INC01 → DEP01; INC09 → DEP07'],
      'change-release-link': [1, 'INC02 → DEP04'],
      'change-link': [1, 'INC04 → CHG04'],
      'same-system-fallback': [3, 'INC03 → DEP21; INC05 → DEP20; INC07 → DEP05'],
      unattributed: [2, 'INC06; INC08'],
    });
  });

  it('says how each rule applied, and keeps the source file and line of every row behind it', () => {
    const a = (n: string) => model.delivery.attributions.find((x) => x.incident.number === n)!;
    expect(a('INC02').reason).toBe('caused_by_change names CHG02 of release P2; its last successful production deployment before the incident opened: DEP04 (started 2026-02-04T09:00:00Z)');
    expect(a('INC04').reason).toBe('release W1 of CHG04 has no successful production deployment before the incident opened; no successful production deployment of card started in the 168 hours before the incident opened: the incident is attributed to CHG04 (system card)');
    expect(a('INC03').reason).toBe('CHG03 names no release; the last successful production deployment of web in the 168 hours before the incident opened: DEP21 (started 2026-01-27T12:00:00Z), 12 hours before');
    expect(a('INC05').reason).toBe('no cause recorded; the last successful production deployment of web in the 168 hours before the incident opened: DEP20 (started 2026-01-20T12:00:00Z), 168 hours before');
    expect(a('INC07').reason).toBe('caused_by_deployment names DEP99, which no export holds; the last successful production deployment of pay in the 168 hours before the incident opened: DEP05 (started 2026-02-18T20:00:00Z), 4 hours before');
    expect(a('INC06').reason).toBe('no cause recorded; no successful production deployment of web started in the 168 hours before the incident opened');
    const inc02 = a('INC02');
    expect([inc02.incident.source, inc02.change!.source, inc02.deployment!.source, inc02.release!.source]).toEqual([
      { file: `${DIR}/incidents.csv`, line: 3, pointer: null },
      { file: `${DIR}/changes.csv`, line: 2, pointer: null },
      { file: `${DIR}/deployments.csv`, line: 5, pointer: null },
      { file: `${DIR}/releases.csv`, line: 3, pointer: null },
    ]);
    expect([inc02.incident.recoveryHours, inc02.deployment!.environment?.id, inc02.release!.release?.slug]).toEqual([6, 'PRD', 'p2']);
  });
});

describe('attribution rules at their boundaries', () => {
  const dep = (id: string, started_at: string, more: Partial<DeploymentFacts> = {}): DeploymentFacts =>
    ({ id, system_id: 's', release_id: 'R', started_at, finished_at: null, status: 'success', production: true, ...more });
  const inc = (opened_at: string, more: Partial<IncidentFacts> = {}): IncidentFacts =>
    ({ number: 'I', system_id: 's', opened_at, caused_by_change: null, caused_by_deployment: null, ...more });
  const rule = (i: IncidentFacts, deployments: DeploymentFacts[], changes: ChangeLinkFacts[] = [{ number: 'C', system_id: 's', release_id: 'R' }]) => {
    const [a] = attributeIncidents([i], changes, deployments);
    return [a!.rule, a!.deploymentId ?? a!.changeNumber];
  };

  it('looks back 168 hours exactly, and only at deployments that started before the incident opened', () => {
    const opened = '2026-01-08T00:00:00Z';
    expect(rule(inc(opened), [dep('D', '2026-01-01T00:00:00Z')])).toEqual(['same-system-fallback', 'D']);
    expect(rule(inc(opened), [dep('D', '2025-12-31T23:59:59Z')])).toEqual([null, null]);
    expect(rule(inc(opened), [dep('D', opened)])).toEqual([null, null]);
    expect(rule(inc(opened), [dep('A', '2026-01-02T00:00:00Z'), dep('B', '2026-01-07T00:00:00Z'), dep('C', '2026-01-09T00:00:00Z')])).toEqual(['same-system-fallback', 'B']);
  });

  it('uses only successful production deployments for the release link and the fallback', () => {
    const opened = '2026-01-08T00:00:00Z';
    const failed = dep('F', '2026-01-07T00:00:00Z', { status: 'failure' });
    const test = dep('T', '2026-01-07T12:00:00Z', { production: false });
    expect(rule(inc(opened), [failed, test])).toEqual([null, null]);
    expect(rule(inc(opened, { caused_by_change: 'C' }), [dep('OLD', '2025-06-01T00:00:00Z'), failed, test])).toEqual(['change-release-link', 'OLD']);
    expect(rule(inc(opened, { caused_by_change: 'C' }), [failed, test])).toEqual(['change-link', 'C']);
    expect(rule(inc(opened, { caused_by_deployment: 'F', caused_by_change: 'C' }), [failed])).toEqual(['deployment-link', 'F']);
  });

  it('follows the change’s release to its last successful production deployment, on any system, else falls back', () => {
    const opened = '2026-01-08T00:00:00Z';
    const other = dep('O', '2026-01-07T00:00:00Z', { system_id: 'other' });
    const mine = dep('M', '2026-01-05T00:00:00Z');
    expect(rule(inc(opened, { caused_by_change: 'C' }), [mine, other])).toEqual(['change-release-link', 'O']);
    const unrelated = dep('U', '2026-01-07T00:00:00Z', { release_id: 'X' });
    expect(rule(inc(opened, { caused_by_change: 'C' }), [unrelated])).toEqual(['same-system-fallback', 'U']);
    expect(rule(inc(opened, { caused_by_change: 'C' }), [dep('Z', '2026-01-07T00:00:00Z', { system_id: 'z', release_id: 'X' })])).toEqual(['change-link', 'C']);
  });

  it('passes over links to rows no export holds', () => {
    const opened = '2026-01-08T00:00:00Z';
    expect(rule(inc(opened, { caused_by_deployment: 'X', caused_by_change: 'Y' }), [dep('D', '2026-01-07T00:00:00Z')])).toEqual(['same-system-fallback', 'D']);
    const [a] = attributeIncidents([inc(opened, { caused_by_change: 'Y', system_id: null })], [], []);
    expect([a!.rule, a!.reason]).toEqual([null, 'caused_by_change names Y, which no export holds; no system to look for a deployment on']);
  });
});
