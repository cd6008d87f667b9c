// The charts of the pages there are hundreds of: releases and environments. At enterprise scale they
// are most of the pages step (1,800 pages, ~11 s of Plot): `almanac build` renders them on a second
// thread while Astro renders pages (src/publish/charts-ahead.ts), and a page takes its charts from
// there when they are, else renders them itself — the same bytes either way.
import type { EnvironmentDetail, EnvironmentRow } from '../../report/model-environments.ts';
import type { ReleaseDetail, ReleaseRef } from '../../report/model-releases.ts';
import { bookingCalendarChart } from './booking-calendar.ts';
import { burnupChart } from './burnup.ts';
import { monthsAround } from './calendar.ts';
import { demandChart } from './demand-capacity.ts';
import { ganttChart } from './gantt.ts';
import type { RenderedChart } from './render.ts';
import { utilizationTrendChart } from './utilisation-trend.ts';

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

export interface EnvironmentCharts {
  calendar: RenderedChart | null;
  utilization: RenderedChart | null;
  demand: RenderedChart | null;
}

export function environmentCharts(row: EnvironmentRow, detail: EnvironmentDetail, asOf: string, label: (r: ReleaseRef) => string): EnvironmentCharts {
  const view = { id: 'bookings-near', title: 'Bookings in the last and next 6 months', ...monthsAround(asOf, 6, 6) };
  const next = detail.demand.map((w) => ({ ...w, unbooked: 0 }));
  return {
    calendar: detail.bookings.length > 0 ? bookingCalendarChart([row], detail.bookings, detail.conflicts, asOf, view, label) : null,
    utilization: detail.utilization.length > 0 ? utilizationTrendChart('utilisation', row.name, detail.utilization, asOf) : null,
    demand: next.length > 0 ? demandChart('next-weeks', 'Booked hours against capacity, next 12 weeks', row.name, next) : null,
  };
}

/** A page's key among those rendered ahead. */
export const chartsKey = (kind: 'release' | 'environment', id: string) => `${kind}\u0000${id}`;

/** Where the build's second thread hands its charts to the pages (Vite bundles its own copy of this module). */
export const CHARTS_AHEAD = Symbol.for('release-almanac.charts-ahead');
export type ChartsAhead = (key: string) => Promise<unknown>;

/** A page's charts: rendered ahead when the build did, else by `render`. */
export async function chartsFor<T>(key: string, render: () => T): Promise<T> {
  const ahead = (globalThis as { [CHARTS_AHEAD]?: ChartsAhead })[CHARTS_AHEAD];
  return ((await ahead?.(key)) as T | null | undefined) ?? render();
}
