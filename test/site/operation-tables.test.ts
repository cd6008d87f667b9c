import { describe, expect, it } from 'vitest';
import {
  causedRows, CAUSED_COLUMNS, changeRows, CHANGE_COLUMNS, closeCodeRows, collisionRows, countedText, freezeRows, inFreezeRows, successBar, successRows,
} from '../../src/components/change-tables.ts';
import { attributionRows, ATTRIBUTION_COLUMNS, deploymentNote, ruleRows, scopeColumns, scopeRows, thresholdRows } from '../../src/components/delivery-tables.ts';
import { changeAnchor, incidentAnchor, rowLinks } from '../../src/components/operation-anchors.ts';
import { sourceText } from '../../src/components/operation-labels.ts';
import { listCell, TABLE_ROW_CAP } from '../../src/components/table.ts';
import type { CausedIncident } from '../../src/report/model-changes.ts';
import type { Attribution, DeliveryPage, DeliveryScope } from '../../src/report/model-delivery.ts';
import type { ReportModel } from '../../src/report/model.ts';
import type { ReleaseRef } from '../../src/report/model-releases.ts';
import { changeRow, HOSTILE } from './helpers.ts';

const ref = (n: string) => ({ number: n, slug: n.toLowerCase().replace(/[^a-z0-9.]+/g, '-') });
const label = (r: ReleaseRef) => `PAY ${r.name}`;
const REL: ReleaseRef = { id: 'PAY-R15', slug: 'pay-r15', name: '2026.15' };

const CHANGES = [
  changeRow('CHG1', { type: 'emergency', unauthorized: true, freezes: ['Year end'], inFreeze: false, incidents: [ref('INC1'), ref('INC9')], release: REL, releaseId: 'PAY-R15' }),
  changeRow('CHG2', { description: HOSTILE, team: HOSTILE, system: { id: 'evil', name: HOSTILE }, collidesWith: [ref('CHG1'), ref('CHG404')], leadTimeDays: 2.25, releaseId: 'GONE' }),
];
const caused = (number: string, change: string, known: boolean): CausedIncident => ({
  ...ref(number), description: HOSTILE, priority: 1, system: null, openedAt: '2026-03-01T10:00:00Z', resolvedAt: null, change: ref(change), known,
  source: { file: 'incident.json', line: null, pointer: '/result/3' },
});
const attribution = (number: string, over: Partial<Attribution> = {}): Attribution => ({
  incident: {
    ...ref(number), description: null, priority: 2, system: null, openedAt: '2026-03-02T08:00:00Z', resolvedAt: null, recoveryHours: null, causedByChange: null,
    causedByDeployment: null, source: { file: 'incidents.csv', line: 4, pointer: null },
  },
  rule: null, reason: 'no cause recorded', system: null, deployment: null, change: null, release: null, ...over,
});
const DELIVERY = {
  attributions: [
    attribution('INC1', { rule: 'change-link' }),
    attribution('INC2', {
      rule: 'change-release-link', reason: 'caused_by_change names CHG2', system: { id: 'pay', name: 'Payments' },
      change: { ...ref('CHG2'), system: null, releaseId: 'PAY-R15', source: { file: 'changes.csv', line: 3, pointer: null } },
      release: { id: 'PAY-R15', release: REL, source: { file: 'releases.csv', line: 5, pointer: null } },
      deployment: {
        id: 'DEP1', system: null, environment: { id: 'prod', slug: 'prod', name: 'Production' }, environmentId: 'prod', release: REL, releaseId: 'PAY-R15', version: null,
        startedAt: '2026-03-01T21:00:00Z', finishedAt: null, status: 'failure', production: true, source: { file: 'deployments.csv', line: 9, pointer: null },
      },
    }),
    attribution('INC3', { rule: 'same-system-fallback', release: { id: 'OLD', release: null, source: null } }),
  ],
} as Pick<DeliveryPage, 'attributions'> as DeliveryPage;
const MODEL = {
  changes: { rows: CHANGES, causedIncidents: [caused('INC1', 'CHG1', true), caused('INC2', 'CHG404', false)] },
  delivery: DELIVERY,
} as unknown as Pick<ReportModel, 'changes' | 'delivery'>;

describe('links to change and incident rows', () => {
  it('prefix anchors by kind, so that a change and an incident of the same number never share one', () => {
    expect(changeAnchor(ref('1'))).toBe('change-1');
    expect(incidentAnchor(ref('1'))).toBe('incident-1');
  });

  it('link within the page by fragment, across pages by relative URL, and only to rows the pages list', () => {
    const here = rowLinks('changes/', MODEL);
    expect(here.change(ref('CHG1'))).toBe('#change-chg1');
    expect(here.change(ref('CHG404'))).toBeUndefined();
    expect(here.causedIncident(ref('INC2'))).toBe('#incident-inc2');
    expect(here.causedIncident(ref('INC3'))).toBeUndefined();
    expect(here.attribution(ref('INC3'))).toBe('../delivery/index.html#incident-inc3');
    const release = rowLinks('releases/pay-r15/', MODEL);
    expect(release.changeNumber('CHG2')).toBe('../../changes/index.html#change-chg2');
    expect(release.changeNumber('CHG404')).toBeUndefined();
    expect(rowLinks('delivery/', MODEL).attribution(ref('INC1'))).toBe('#incident-inc1');
  });

  it('link only to the rows the tables show: the newest TABLE_ROW_CAP of a longer list', () => {
    const many = Array.from({ length: TABLE_ROW_CAP + 5 }, (_, i) => changeRow(`CHG${i}`));
    const links = rowLinks('changes/', { ...MODEL, changes: { ...MODEL.changes, rows: many } });
    expect(links.change(many.at(-1)!)).toBe(`#change-chg${TABLE_ROW_CAP + 4}`);
    expect(links.change(many[5]!)).toBe('#change-chg5');
    expect(links.change(many[4]!)).toBeUndefined();
    expect(links.changeNumber('CHG0')).toBeUndefined();
  });
});

describe('changes page tables', () => {
  const links = rowLinks('changes/', MODEL);

  it('anchor each change, link its release, collisions and incidents, and keep hostile text as text', () => {
    const rows = changeRows(CHANGES, 'changes/', links, label);
    for (const row of rows) expect(row.length).toBe(CHANGE_COLUMNS.length);
    const [first, second] = rows as [typeof rows[number], typeof rows[number]];
    expect(first[0]).toEqual({ text: 'CHG1', id: 'change-chg1', note: 'emergency, unauthorized' });
    expect(first[7]).toEqual({ text: 'PAY 2026.15', href: '../releases/pay-r15/index.html' });
    expect(first[8]).toEqual({ text: 'Year end', note: 'not counted: an emergency' });
    expect(first[10]).toEqual({ text: 'INC1, INC9', list: [{ text: 'INC1', href: '#incident-inc1' }, { text: 'INC9', href: undefined }] });
    expect(second.map((c) => c.text)).toEqual(['CHG2', '2026-01-02', HOSTILE, HOSTILE, 'Closed', '—', '2.3', 'GONE', '—', 'CHG1, CHG404', '—']);
    expect(second[3]!.note).toBe(HOSTILE);
    expect(second[4]!.note).toBe('successful');
    expect(second[9]!.list).toEqual([{ text: 'CHG1', href: '#change-chg1' }, { text: 'CHG404', href: undefined }]);
  });

  it('say why a change inside a freeze is, or is not, counted', () => {
    expect(countedText({ inFreeze: true, cancelled: false, type: 'normal' })).toBe('counted');
    expect(countedText({ inFreeze: false, cancelled: true, type: 'normal' })).toBe('not counted: cancelled');
    expect(countedText({ inFreeze: false, cancelled: false, type: 'emergency' })).toBe('not counted: an emergency');
    const rows = inFreezeRows(CHANGES, links);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([['CHG1', 'Payments', 'emergency', 'Closed', '—', '—', 'Year end', 'not counted: an emergency']]);
    expect(rows[0]![0]!.href).toBe('#change-chg1');
    const freezes = freezeRows([{ name: HOSTILE, start: 's', end: 'e', firstDay: '2026-03-26', lastDay: '2026-04-02', scope: ['pay', 'evil'], changes: [ref('CHG2')] }], links);
    expect(freezes[0]!.map((c) => c.text)).toEqual([HOSTILE, '2026-03-26', '2026-04-02', 'pay, evil', '1', 'CHG2']);
  });

  it('list each collision with both changes and the overlap', () => {
    const rows = collisionRows([{ system: { id: 'pay', name: 'Payments' }, changes: [ref('CHG1'), ref('CHG404')], overlapStart: '2026-03-28T00:00:00Z', overlapEnd: '2026-03-28T02:30:00Z' }], links);
    expect(rows[0]!.map((c) => c.text)).toEqual(['Payments', 'CHG1', 'CHG404', '2026-03-28 00:00 UTC', '2026-03-28 02:30 UTC', '2.5']);
    expect(rows[0]![1]!.href).toBe('#change-chg1');
    expect(rows[0]![2]!.href).toBeUndefined();
  });

  it('anchor each caused incident, name its change (or say no export holds it) and link its attribution', () => {
    const rows = causedRows(MODEL.changes.causedIncidents, links, DELIVERY);
    for (const row of rows) expect(row.length).toBe(CAUSED_COLUMNS.length);
    expect(rows[0]![0]).toEqual({ text: 'INC1', id: 'incident-inc1', note: 'priority 1' });
    expect(rows[0]![5]).toEqual({ text: 'CHG1', href: '#change-chg1' });
    expect(rows[0]![6]).toEqual({ text: 'Change only', href: '../delivery/index.html#incident-inc1' });
    expect(rows[1]![5]).toEqual({ text: 'CHG404', note: 'no export holds this change' });
    expect(rows[1]![6]).toEqual({ text: 'Change → release link', href: '../delivery/index.html#incident-inc2' });
    // An attribution the delivery page does not show (past its table's first rows) still names its rule.
    expect(causedRows(MODEL.changes.causedIncidents, { ...links, attribution: () => undefined }, DELIVERY)[0]![6]).toEqual({ text: 'Change only' });
  });

  it('show success by close code, and per scope with a bar of the outcomes', () => {
    const codes = closeCodeRows([{ closeCode: 'successful', changes: 3 }, { closeCode: 'cancelled', changes: 1 }]);
    expect(codes.map((r) => r.map((c) => c.text))).toEqual([['Successful', '3', '75%'], ['Cancelled', '1', '25%']]);
    const stats = { closed: 4, successful: 2, successfulWithIssues: 1, unsuccessful: 1, successRate: 0.75 };
    expect(successRows([{ ...stats, name: HOSTILE }])[0]!.map((c) => c.text)).toEqual([HOSTILE, '4', '2', '1', '1', '75%']);
    expect(successBar(stats)?.parts.map((p) => p.share)).toEqual([0.5, 0.25, 0.25]);
    expect(successBar({ ...stats, closed: 0 })).toBeUndefined();
    expect(listCell([])).toEqual({ text: '—', sort: null });
  });
});

describe('delivery page tables', () => {
  const links = rowLinks('delivery/', MODEL);

  it('show each measure with its tier under it, a dash without data, and the overall tier sorted best first', () => {
    const total = {
      period: 'all', deployments: 3, deploymentDays: 2, deploymentFrequency: 0.0769, failedDeployments: 1, changeFailureRate: 0.3333, leadTimeMedian: null, leadTimeItems: 0,
      recoveryMedian: 2, recoveries: 1, rework: 0, reworkRate: 0, tiers: { deploymentFrequency: 'low', leadTime: null, changeFailureRate: 'low', recovery: 'high', overall: 'low' },
    } as const;
    const scope: DeliveryScope = { kind: 'system', id: 'evil', name: HOSTILE, months: [], total: { ...total, tiers: { ...total.tiers } } };
    const [row] = scopeRows([scope]);
    expect(row!.length).toBe(scopeColumns('System').length);
    expect(row!.map((c) => c.text)).toEqual([HOSTILE, '3', '0.08 per week', '—', '33%', '2 hours', '0%', 'Low']);
    expect(row!.map((c) => c.note)).toEqual([undefined, undefined, 'Low', undefined, 'Low', 'High', undefined, undefined]);
    expect(row!.at(-1)!.sort).toBe(3);
  });

  it('list thresholds with a dash for a tier a measure cannot reach, and incidents per rule', () => {
    const [row] = thresholdRows([{ measure: 'recovery', metric: 'delivery.recovery_hours_median', unit: 'hours', elite: '< 1 hour', high: '< 24 hours', medium: null, low: 'anything else' }]);
    expect(row!.map((c) => c.text)).toEqual(['Failed deployment recovery time', 'delivery.recovery_hours_median', '< 1 hour', '< 24 hours', '—', 'anything else']);
    const rules = ruleRows([{ rule: 'deployment-link', incidents: 1 }, { rule: 'unattributed', incidents: 3 }]);
    expect(rules.map((r) => r.slice(0, 3).map((c) => c.text))).toEqual([['Deployment link', '1', '25%'], ['Unattributed', '3', '75%']]);
    expect(rules[1]![0]!.sort).toBe(4);
  });

  it('show every attribution with the rows behind it and where each came from', () => {
    const rows = attributionRows(DELIVERY.attributions, 'delivery/', links, label);
    for (const row of rows) expect(row.length).toBe(ATTRIBUTION_COLUMNS.length);
    const [changeOnly, linked, fallback] = rows as [typeof rows[number], typeof rows[number], typeof rows[number]];
    // The incident anchors its row and links to its row on the changes page, when that lists it.
    expect(changeOnly[0]).toEqual({ text: 'INC1', href: '../changes/index.html#incident-inc1', id: 'incident-inc1', note: 'incidents.csv line 4' });
    expect(fallback[0]).toEqual({ text: 'INC3', id: 'incident-inc3', note: 'incidents.csv line 4' });
    expect(linked.map((c) => c.text)).toEqual(['INC2', '2026-03-02 08:00 UTC', '—', 'Change → release link', 'caused_by_change names CHG2', 'Payments', 'CHG2', 'PAY 2026.15', 'DEP1']);
    expect(linked[6]).toEqual({ text: 'CHG2', href: '../changes/index.html#change-chg2', note: 'changes.csv line 3' });
    expect(linked[7]).toEqual({ text: 'PAY 2026.15', href: '../releases/pay-r15/index.html', note: 'releases.csv line 5' });
    expect(linked[8]!.note).toBe('failure to production, Production, started 2026-03-01 21:00 UTC; deployments.csv line 9');
    expect(fallback[7]).toEqual({ text: 'OLD', note: 'no export holds this release' });
    expect(changeOnly.slice(3, 9).map((c) => c.text)).toEqual(['Change only', 'no cause recorded', '—', '—', '—', '—']);
  });

  it('name a row by its file and line, or JSON pointer', () => {
    expect(sourceText({ file: 'incident.json', line: null, pointer: '/result/3' })).toBe('incident.json /result/3');
    expect(sourceText({ file: 'a.csv', line: 12, pointer: null })).toBe('a.csv line 12');
    expect(sourceText({ file: null, line: null, pointer: null })).toBe('—');
    expect(deploymentNote({ ...DELIVERY.attributions[1]!.deployment!, production: false, environment: null, environmentId: null, source: { file: 'd.json', line: null, pointer: '/0' } })).toBe(
      'failure, started 2026-03-01 21:00 UTC; d.json /0',
    );
  });
});
