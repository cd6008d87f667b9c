// A release's lifecycle phases, planned against actual: per phase a thin planned bar above a solid
// actual bar (to today while the phase runs), and today as a rule.
import * as Plot from '@observablehq/plot';
import { daysBetween } from '../../metrics/periods.ts';
import type { ReleaseDetail } from '../../report/model-releases.ts';
import { formatCount, formatDays } from '../format.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { dayEnd, dayStart } from './time.ts';

type Phase = ReleaseDetail['phases'][number];

const BAND = 34;

/** "ended 3 days late", "started on plan"… */
function against(what: string, planned: string | null, actual: string | null): string | null {
  if (planned === null || actual === null) return null;
  const d = daysBetween(planned, actual);
  return `${what} ${d === 0 ? 'on plan' : `${formatDays(Math.abs(d))} ${d > 0 ? 'late' : 'early'}`}`;
}

function tip(p: Phase, asOf: string): string {
  const planned = p.plannedStart || p.plannedEnd ? `planned ${p.plannedStart ?? '?'} → ${p.plannedEnd ?? '?'}` : 'no plan';
  const actual = p.actualStart ? `actual ${p.actualStart} → ${p.actualEnd ?? `running (as of ${asOf})`}` : 'not started';
  const variance = [against('started', p.plannedStart, p.actualStart), against('ended', p.plannedEnd, p.actualEnd)].filter(Boolean);
  return `${p.phase}: ${planned}; ${actual}${variance.length ? `; ${variance.join(', ')}` : ''}`;
}

export function ganttChart(id: string, phases: ReleaseDetail['phases'], asOf: string): RenderedChart {
  const title = 'Lifecycle phases, planned and actual';
  const planned = phases.filter((p) => p.plannedStart && p.plannedEnd);
  const actual = phases.filter((p) => p.actualStart && (p.actualEnd ?? asOf) >= p.actualStart);
  const running = actual.filter((p) => p.actualEnd === null);
  const dates = phases.flatMap((p) => [p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd]).filter((d): d is string => d !== null);
  if (running.length) dates.push(asOf);
  dates.sort();
  const reading = ganttReading(phases, asOf);
  const showToday = dates.length > 0 && asOf >= dates[0]! && asOf <= dates.at(-1)!;
  const svg = renderChart(
    {
      width: 720,
      height: 60 + Math.max(phases.length, 1) * BAND,
      marginLeft: 90,
      marginTop: 24,
      marginBottom: 36,
      x: { type: 'utc', domain: dates.length ? [dayStart(dates[0]!), dayEnd(dates.at(-1)!)] : undefined, grid: true, label: 'Date' },
      y: { type: 'band', domain: phases.map((p) => p.phase), padding: 0.15, label: 'Phase', tickSize: 0 },
      marks: [
        Plot.barX(planned, { x1: (p: Phase) => dayStart(p.plannedStart!), x2: (p: Phase) => dayEnd(p.plannedEnd!), y: 'phase', insetBottom: BAND * 0.45, className: 'gantt-planned', fill: 'currentColor', title: (p: Phase) => tip(p, asOf) }),
        Plot.barX(actual.filter((p) => p.actualEnd !== null), { x1: (p: Phase) => dayStart(p.actualStart!), x2: (p: Phase) => dayEnd(p.actualEnd!), y: 'phase', insetTop: BAND * 0.4, className: 'gantt-actual', fill: 'currentColor', title: (p: Phase) => tip(p, asOf) }),
        Plot.barX(running, { x1: (p: Phase) => dayStart(p.actualStart!), x2: () => dayEnd(asOf), y: 'phase', insetTop: BAND * 0.4, className: 'gantt-running', fill: 'currentColor', title: (p: Phase) => tip(p, asOf) }),
        ...(showToday
          ? [
              Plot.ruleX([dayEnd(asOf)], { className: 'cal-today', stroke: 'currentColor', strokeWidth: 2 }),
              Plot.text([dayEnd(asOf)], { x: (d: Date) => d, text: () => `Today (as of ${asOf})`, frameAnchor: 'top', lineAnchor: 'bottom', dy: -4, className: 'cal-today-label' }),
            ]
          : []),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    { label: 'Planned (thin bar)', className: 'gantt-planned' },
    { label: 'Actual', className: 'gantt-actual' },
    ...(running.length ? [{ label: 'Running (to today)', className: 'gantt-running' }] : []),
  ];
  const data = { columns: ['Phase', 'Planned start', 'Planned end', 'Actual start', 'Actual end'], rows: phases.map((p) => [p.phase, p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd]) };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "4 phases: 2 done, 1 running, 1 not started; the last finished phase (sit) ended 3 days late." */
export function ganttReading(phases: ReleaseDetail['phases'], asOf: string): string {
  const done = phases.filter((p) => p.actualEnd !== null && p.actualEnd <= asOf);
  const running = phases.filter((p) => p.actualStart !== null && p.actualEnd === null).length;
  const waiting = phases.length - done.length - running;
  const last = done.at(-1);
  const variance = last ? against('ended', last.plannedEnd, last.actualEnd) : null;
  return (
    `${formatCount(phases.length)} ${phases.length === 1 ? 'phase' : 'phases'}: ${formatCount(done.length)} done, ${formatCount(running)} running, ${formatCount(waiting)} not started` +
    `${last && variance ? `; the last finished phase (${last.phase}) ${variance}` : ''}.`
  );
}
