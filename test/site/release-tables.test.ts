import { describe, expect, it } from 'vitest';
import { dataBlock, IMPACT_COLUMNS, impactRows, moveOf, whatIfReleases } from '../../src/components/impact-table.ts';
import { changeRows, CHANGE_COLUMNS, deploymentRows, linkRows } from '../../src/components/release-detail-tables.ts';
import { projectRows } from '../../src/components/projects-table.ts';
import { releaseLabel, releaseLabels } from '../../src/components/release-names.ts';
import { releaseRows, RELEASE_COLUMNS, scopeRows, workItemsCell } from '../../src/components/releases-table.ts';
import type { DependenciesPage, ReleaseRef } from '../../src/report/model-releases.ts';
import { HOSTILE, releaseRow } from './helpers.ts';

const ref = (id: string, name = id): ReleaseRef => ({ id, slug: id.toLowerCase(), name });

describe('release names', () => {
  it('put the project id first where the name does not say which project', () => {
    expect(releaseLabel({ name: '3.1.0', projectId: 'PAY', projectName: 'Payments Hub' })).toBe('PAY 3.1.0');
    expect(releaseLabel({ name: 'PAY 2026.15', projectId: 'PAY', projectName: 'Payments Hub' })).toBe('PAY 2026.15');
    expect(releaseLabel({ name: 'Payments Hub R24.1', projectId: 'CBM', projectName: 'Payments Hub' })).toBe('Payments Hub R24.1');
    expect(releaseLabel({ name: '3.1.0', projectId: null, projectName: null })).toBe('3.1.0');
    const label = releaseLabels([releaseRow('PAY:3.1.0', { name: '3.1.0', projectId: 'PAY' })]);
    expect(label(ref('PAY:3.1.0', '3.1.0'))).toBe('PAY 3.1.0');
    expect(label(ref('unknown', 'Other'))).toBe('Other');
  });
});

describe('releases table', () => {
  it('links each release to its page and shows its state with the reason', () => {
    const row = releaseRow('PAY:3.1.0', {
      slug: 'pay-3.1.0', name: '3.1.0', projectId: 'PAY', projectName: 'Payments', systemIds: ['core', 'edge'], state: 'released', stateReason: 'released 2026-02-17, 34 days after plan',
      plannedStart: '2026-01-02', plannedRelease: '2026-01-14', actualRelease: '2026-02-17', slipDays: 34, workItems: 64, doneWorkItems: 37, downstream: 2, slackDays: -3,
    });
    const [cells] = releaseRows([row], 'releases/');
    expect(cells!.length).toBe(RELEASE_COLUMNS.length);
    expect(cells![0]).toEqual({ text: 'PAY 3.1.0', href: 'pay-3.1.0/index.html' });
    expect(cells!.map((c) => c.text)).toEqual([
      'PAY 3.1.0', 'Payments', 'core, edge', 'minor', 'released 2026-02-17, 34 days after plan', '2026-01-02', '2026-01-14', '2026-02-17', '34', '37 of 64', '2', '-3',
    ]);
    expect(cells![4]!.sort).toBe('released');
    expect(releaseRows([row], 'dependencies/')[0]![0]!.href).toBe('../releases/pay-3.1.0/index.html');
  });

  it('shows work items done as a share, unknown without work items', () => {
    expect(workItemsCell(37, 64)).toEqual({ text: '37 of 64', sort: 37 / 64 });
    expect(workItemsCell(0, 0)).toEqual({ text: '—', sort: null });
  });

  it('lists on-time rate and slip per scope', () => {
    expect(scopeRows([{ id: 'p', name: HOSTILE, released: 3, onTimeRate: 0.6667, slipMedian: 2.5, slipP85: null }])[0]!.map((c) => c.text)).toEqual([HOSTILE, '3', '67%', '3', '—']);
  });
});

describe('release page tables', () => {
  it('link upstream and downstream releases with their gap', () => {
    const rows = linkRows([{ release: ref('B'), gapDays: -2 }, { release: ref('C'), gapDays: null }], 'releases/a/', (r) => `label ${r.name}`);
    expect(rows).toEqual([
      [{ text: 'label B', href: '../b/index.html' }, { text: '-2', sort: -2 }],
      [{ text: 'label C', href: '../c/index.html' }, { text: '—', sort: null }],
    ]);
  });

  it('show instants in UTC to the minute', () => {
    const [change] = changeRows([{ number: 'CHG1', shortDescription: HOSTILE, type: 'normal', state: null, closeCode: null, systemId: 'core', plannedStart: '2026-03-30T21:05:00Z', plannedEnd: null }]);
    expect(change!.length).toBe(CHANGE_COLUMNS.length);
    expect(change!.map((c) => c.text)).toEqual(['CHG1', HOSTILE, 'normal', '—', '—', 'core', '2026-03-30 21:05 UTC', '—']);
    const [deployment] = deploymentRows([{ id: 'd1', systemId: null, environmentId: 'prod', startedAt: '2026-03-30T21:00:00Z', status: 'success', production: true }]);
    expect(deployment!.map((c) => c.text)).toEqual(['d1', '—', 'prod', '2026-03-30 21:00 UTC', 'success', 'yes']);
  });
});

const IMPACT: DependenciesPage['impact'] = [
  { release: ref('Z', 'Zeta'), slackDays: null, downstream: [{ release: ref('Y', 'Ypsilon'), pathSlack: 5 }, { release: ref('X', HOSTILE), pathSlack: 18 }] },
  { release: ref('A', 'Alpha'), slackDays: 4, downstream: [{ release: ref('Y', 'Ypsilon'), pathSlack: 0 }] },
];

describe('impact of a slip', () => {
  it('moves a release downstream by the slip its path slack does not absorb', () => {
    expect([0, 5, 7, 30].map((d) => moveOf(d, 5))).toEqual([0, 0, 2, 25]);
  });

  it('lists each release and downstream release with the moves at 7, 14 and 30 days, the least path slack first', () => {
    const rows = impactRows(IMPACT, 'dependencies/', (r) => r.name);
    expect(rows.map((r) => r.length)).toEqual([IMPACT_COLUMNS.length, IMPACT_COLUMNS.length, IMPACT_COLUMNS.length]);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Alpha', '4', 'Ypsilon', '0', '7', '14', '30'],
      ['Zeta', '—', 'Ypsilon', '5', '2', '9', '25'],
      ['Zeta', '—', HOSTILE, '18', '0', '0', '12'],
    ]);
    expect(rows[1]![2]!.href).toBe('../releases/y/index.html');
  });

  it('gives the what-if control its releases by name, each downstream release with its link and path slack', () => {
    expect(whatIfReleases(IMPACT, 'dependencies/', (r) => r.name)).toEqual([
      { name: 'Alpha', downstream: [{ name: 'Ypsilon', href: '../releases/y/index.html', pathSlack: 0 }] },
      {
        name: 'Zeta',
        downstream: [
          { name: 'Ypsilon', href: '../releases/y/index.html', pathSlack: 5 },
          { name: HOSTILE, href: '../releases/x/index.html', pathSlack: 18 },
        ],
      },
    ]);
  });

  it('embeds data that no name can break out of, and that reads back the same', () => {
    const value = [{ name: '</script><script>alert(1)</script><!--', other: HOSTILE }];
    const block = dataBlock(value);
    expect(block).not.toContain('<');
    expect(JSON.parse(block)).toEqual(value);
  });
});

describe('overview projects table', () => {
  it('links the next release to its page when it has one', () => {
    const project = {
      id: 'P', name: 'Payments', portfolio: null, program: null, owner: null, releases: 2, released: 1, onTimeRate: 1,
      nextRelease: { id: 'R2', name: 'P 2', planned: null }, workItems: 0, openWorkItems: 0,
    };
    expect(projectRows([project], (id) => (id === 'R2' ? 'releases/r2/index.html' : undefined))[0]![6]).toEqual({ text: 'P 2', href: 'releases/r2/index.html' });
    expect(projectRows([project], () => undefined)[0]![6]).toEqual({ text: 'P 2' });
  });
});
