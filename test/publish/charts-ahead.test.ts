// The release pages' charts rendered on a second thread must be the very charts the page would render,
// and a missing release or a failed thread must leave the page to render its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHARTS_AHEAD, chartsOfRelease, releaseCharts, type ReleaseCharts } from '../../src/components/charts/release-charts.ts';
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
const hook = () => (globalThis as { [CHARTS_AHEAD]?: (id: string) => Promise<ReleaseCharts | null> })[CHARTS_AHEAD]!;

function reportFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'charts-ahead-')), 'report.json');
  fs.writeFileSync(file, content);
  return file;
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[CHARTS_AHEAD];
});

describe('release charts rendered ahead', () => {
  it('hands each page the charts it would render itself, and nothing for a release it has not', async () => {
    const report = {
      meta: { asOf: ASOF },
      releases: {
        rows: [{ id: 'R1', plannedRelease: '2026-04-15' }, { id: 'R2', plannedRelease: null }, { id: 'R3', plannedRelease: null }],
        details: [{ id: 'R1', phases: PHASES, burnup: BURNUP }, { id: 'R2', phases: [], burnup: BURNUP }],
      },
    };
    renderChartsAhead(reportFile(JSON.stringify(report)));
    const [r2, r1, r3] = await Promise.all(['R2', 'R1', 'R3'].map((id) => hook()(id)));
    expect(r1).toEqual(releaseCharts({ phases: PHASES, burnup: BURNUP }, '2026-04-15', ASOF));
    expect(r1!.phases!.svg).toContain('sit &lt;b&gt;');
    expect(r2).toEqual({ phases: null, burnup: releaseCharts({ phases: [], burnup: BURNUP }, null, ASOF).burnup });
    expect(r3).toBeNull();
  });

  it('leaves the page to render its own charts when the thread fails', async () => {
    renderChartsAhead(reportFile('{ not json'));
    expect(await hook()('R1')).toBeNull();
    expect(await chartsOfRelease('R1', { phases: PHASES, burnup: [] }, null, ASOF)).toEqual(releaseCharts({ phases: PHASES, burnup: [] }, null, ASOF));
  });
});
