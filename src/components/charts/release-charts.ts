// A release page's two charts. At enterprise scale they are most of the pages step (1,500 release
// pages, ~8 s of Plot): `almanac build` renders them on a second thread while Astro renders pages
// (src/publish/charts-ahead.ts), and a page takes its charts from there when they are.
import type { ReleaseDetail } from '../../report/model-releases.ts';
import { burnupChart } from './burnup.ts';
import { ganttChart } from './gantt.ts';
import type { RenderedChart } from './render.ts';

export interface ReleaseCharts {
  phases: RenderedChart | null;
  burnup: RenderedChart | null;
}

export function releaseCharts(detail: Pick<ReleaseDetail, 'phases' | 'burnup'>, plannedRelease: string | null, asOf: string): ReleaseCharts {
  return {
    phases: detail.phases.length > 0 ? ganttChart('phases', detail.phases, asOf) : null,
    burnup: detail.burnup.length > 0 ? burnupChart('burnup', detail.burnup, plannedRelease) : null,
  };
}

/** Where the build's second thread hands its charts to the pages (Vite bundles its own copy of this module). */
export const CHARTS_AHEAD = Symbol.for('release-almanac.charts-ahead');
type Ahead = (releaseId: string) => Promise<ReleaseCharts | null>;

/** The release's charts: rendered ahead when the build did, else here (the same bytes either way). */
export async function chartsOfRelease(releaseId: string, detail: Pick<ReleaseDetail, 'phases' | 'burnup'>, plannedRelease: string | null, asOf: string): Promise<ReleaseCharts> {
  const ahead = (globalThis as { [CHARTS_AHEAD]?: Ahead })[CHARTS_AHEAD];
  return (await ahead?.(releaseId)) ?? releaseCharts(detail, plannedRelease, asOf);
}
