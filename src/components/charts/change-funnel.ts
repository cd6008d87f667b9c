// The change funnel: how many changes are in each state now, in lifecycle order (New → … → Closed),
// with the canceled ones (and those without a state) set apart below a gap.
import * as Plot from '@observablehq/plot';
import type { ChangesPage } from '../../report/model-changes.ts';
import { formatCount, formatPercent } from '../format.ts';
import { stateLabel } from '../operation-labels.ts';
import { countTicks } from './change-trends.ts';
import { renderChart, type RenderedChart } from './render.ts';

type Step = ChangesPage['funnel'][number];

/** States that end a change's life other than by closing it, or that the exports leave unknown. */
const APART = new Set(['canceled', 'unknown']);
const OPEN = (s: Step) => !APART.has(s.state) && s.state !== 'closed';
// A band key no state can take: the gap between the lifecycle and the states set apart.
const GAP = ' ';
const BAND = 26;
const MARGIN = { marginTop: 10, marginBottom: 40, marginLeft: 90, marginRight: 60 } as const;

export function funnelTip(s: Step, total: number): string {
  return `${stateLabel(s.state)}: ${formatCount(s.changes)} ${s.changes === 1 ? 'change' : 'changes'}${total > 0 ? ` (${formatPercent(s.changes / total)} of ${formatCount(total)})` : ''}`;
}

export function funnelChart(funnel: ChangesPage['funnel']): RenderedChart {
  const id = 'changes-funnel';
  const title = 'Changes by state';
  const total = funnel.reduce((n, s) => n + s.changes, 0);
  const lifecycle = funnel.filter((s) => !APART.has(s.state));
  const apart = funnel.filter((s) => APART.has(s.state));
  const domain = [...lifecycle.map((s) => s.state), ...(apart.length ? [GAP, ...apart.map((s) => s.state)] : [])];
  const reading = funnelReading(funnel);
  const bars = (steps: Step[], className: string) =>
    Plot.barX(steps.filter((s) => s.changes > 0), { x: 'changes', y: 'state', insetTop: 4, insetBottom: 4, fill: 'currentColor', className, title: (s: Step) => funnelTip(s, total) });
  const svg = renderChart(
    {
      width: 560,
      height: MARGIN.marginTop + MARGIN.marginBottom + domain.length * BAND,
      ...MARGIN,
      x: { label: 'Changes', grid: true, nice: true, tickFormat: 'd', ticks: countTicks(Math.max(0, ...funnel.map((s) => s.changes))), domain: total ? undefined : [0, 1] },
      y: { type: 'band', domain, label: null, tickSize: 0, tickFormat: (state: string) => (state === GAP ? '' : stateLabel(state)) },
      marks: [
        bars(lifecycle, 'fill-1'),
        bars(apart, 'funnel-apart'),
        Plot.text(funnel, { x: 'changes', y: 'state', text: (s: Step) => formatCount(s.changes), textAnchor: 'start', dx: 4, className: 'funnel-count' }),
        Plot.ruleX([0]),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = apart.some((s) => s.changes > 0) ? [{ label: 'Open or closed', className: 'fill-1' }, { label: 'Canceled or no state', className: 'funnel-apart' }] : [];
  const data = { columns: ['State', 'Changes'], rows: funnel.map((s) => [stateLabel(s.state), s.changes]) };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "2,025 changes: 1,984 closed, 15 open (14 scheduled, 1 review), 26 canceled." */
export function funnelReading(funnel: ChangesPage['funnel']): string {
  const total = funnel.reduce((n, s) => n + s.changes, 0);
  if (total === 0) return 'No changes in the exports.';
  const count = (state: string) => funnel.find((s) => s.state === state)?.changes ?? 0;
  const open = funnel.filter((s) => OPEN(s) && s.changes > 0);
  const openCount = open.reduce((n, s) => n + s.changes, 0);
  const parts = [
    `${formatCount(count('closed'))} closed`,
    `${formatCount(openCount)} open${open.length ? ` (${open.map((s) => `${formatCount(s.changes)} ${stateLabel(s.state).toLowerCase()}`).join(', ')})` : ''}`,
    `${formatCount(count('canceled'))} canceled`,
    ...(count('unknown') ? [`${formatCount(count('unknown'))} without a state`] : []),
  ];
  return `${formatCount(total)} ${total === 1 ? 'change' : 'changes'}: ${parts.join(', ')}.`;
}
