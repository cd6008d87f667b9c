// The release and environment pages' charts rendered on a second thread must be the very charts the
// page would render, and a missing page or a failed thread must leave the page to render its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHARTS_AHEAD, chartsFor, chartsKey, environmentCharts, releaseCharts, type ChartsAhead } from '../../src/components/charts/page-charts.ts';
import { releaseLabels } from '../../src/components/release-names.ts';
import { FIXTURE, fixtureModel } from '../e2e/fixture-site.ts';
import { renderChartsAhead } from '../../src/publish/charts-ahead.ts';
import type { ReleaseDetail } from '../../src/report/model-releases.ts';

const ASOF = '2026-03-31';
const PHASES: ReleaseDetail['phases'] = [
  { phase: 'build', plannedStart: '2026-02-01', plannedEnd: '2026-02-28', actualStart: '2026-02-01', actualEnd: '2026-03-03' },
  { phase: 'sit <b>', plannedStart: '2026-03-01', plannedEnd: '2026-03-20', actualStart: '2026-03-04', actualEnd: null },
];
const BURNUP: ReleaseDetail['burnup'] = [
  { week: '2026-02-02', scope: 10, done: 1 },
  { week: '2026-02-09', scope: 12, done: 5 },
];
const hook = () => (globalThis as unknown as Record<symbol, ChartsAhead>)[CHARTS_AHEAD]!;
const release = (id: string) => hook()(chartsKey('release', id));

function reportFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'charts-ahead-')), 'report.json');
  fs.writeFileSync(file, content);
  return file;
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[CHARTS_AHEAD];
});

describe('page charts rendered ahead', () => {
  it('hands each page the charts it would render itself, and nothing for a release it has not', async () => {
    const report = {
      meta: { asOf: ASOF },
      environments: { environments: [], details: [] },
      releases: {
        rows: ['R1', 'R2', 'R3'].map((id) => ({ id, name: id, projectId: null, projectName: null, plannedRelease: id === 'R1' ? '2026-04-15' : null })),
        details: [{ id: 'R1', phases: PHASES, burnup: BURNUP }, { id: 'R2', phases: [], burnup: BURNUP }],
      },
    };
    renderChartsAhead(reportFile(JSON.stringify(report)));
    const [r2, r1, r3] = await Promise.all(['R2', 'R1', 'R3'].map(release));
    expect(r1).toEqual(releaseCharts({ phases: PHASES, burnup: BURNUP }, '2026-04-15', ASOF));
    expect((r1 as ReturnType<typeof releaseCharts>).phases!.svg).toContain('sit &lt;b&gt;');
    expect(r2).toEqual({ phases: null, burnup: releaseCharts({ phases: [], burnup: BURNUP }, null, ASOF).burnup });
    expect(r3).toBeNull();
  });

  it('renders every environment and release page of the fixture model as the page would', async () => {
    const model = fixtureModel();
    renderChartsAhead(FIXTURE);
    const label = releaseLabels(model.releases.rows);
    const details = new Map(model.environments.details.map((d) => [d.id, d]));
    for (const row of model.environments.environments) {
      expect(await hook()(chartsKey('environment', row.id)), row.id).toEqual(environmentCharts(row, details.get(row.id)!, model.meta.asOf, label));
    }
    const releases = new Map(model.releases.details.map((d) => [d.id, d]));
    for (const row of model.releases.rows) {
      expect(await release(row.id), row.id).toEqual(releaseCharts(releases.get(row.id)!, row.plannedRelease, model.meta.asOf));
    }
    expect(model.environments.environments.length).toBeGreaterThan(3);
  });

  it('leaves the page to render its own charts when the thread fails', async () => {
    renderChartsAhead(reportFile('{ not json'));
    expect(await release('R1')).toBeNull();
    expect(await chartsFor(chartsKey('release', 'R1'), () => releaseCharts({ phases: PHASES, burnup: [] }, null, ASOF))).toEqual(releaseCharts({ phases: PHASES, burnup: [] }, null, ASOF));
  });
});
