// A DORA measure by month (delivery-measures.ts): deployment frequency as bars, the others as a line,
// each month's bar or dot coloured by its tier (rework rate has no tier: one colour).
import * as Plot from '@observablehq/plot';
import { TIERS, type Tier } from '../../metrics/dora-tiers.ts';
import type { DeliveryPeriod } from '../../report/model-delivery.ts';
import type { MeasureSpec } from '../delivery-measures.ts';
import { formatMonth, monthEnd, monthStart } from '../format.ts';
import { tierClass, tierLabel } from '../operation-labels.ts';
import { monthAxis } from './releases.ts';
import { renderChart, type RenderedChart } from './render.ts';

const SIZE = { width: 560, height: 240, marginLeft: 48, marginBottom: 44 } as const;

interface Point {
  m: DeliveryPeriod;
  x1: Date;
  x2: Date;
  x: Date;
  /** On the axis' scale; null without a value. */
  y: number | null;
  tier: Tier | null;
}

export function measureTip(spec: MeasureSpec, m: DeliveryPeriod): string {
  const tier = spec.tier(m.tiers);
  return `${formatMonth(m.period)}: ${spec.text(spec.value(m))}${tier ? ` (${tierLabel(tier).toLowerCase()})` : ''}, ${spec.basis(m)}`;
}

export function measureChart(spec: MeasureSpec, months: readonly DeliveryPeriod[], total: DeliveryPeriod, scope: string): RenderedChart {
  const id = `delivery-${spec.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const title = `${spec.label} by month`;
  const reading = measureReading(spec, months, total, scope);
  const points: Point[] = months.map((m) => {
    const x1 = monthStart(m.period);
    const x2 = monthEnd(m.period);
    const value = spec.value(m);
    return { m, x1, x2, x: new Date((x1.getTime() + x2.getTime()) / 2), y: value === null ? null : value * spec.axis.scale, tier: spec.tier(m.tiers) };
  });
  const tip = (p: Point) => measureTip(spec, p.m);
  const bars = spec.key === 'deploymentFrequency';
  // Bars of height 0 are left out: nothing to see or hover.
  const drawn = points.filter((p) => p.y !== null && (!bars || p.y > 0));
  // One mark per tier: a mark's class is fixed, and the class is what follows the theme.
  const byTier = (mark: (data: Point[], className: string) => Plot.Markish) => [
    ...TIERS.map((t) => mark(drawn.filter((p) => p.tier === t), tierClass(t))),
    mark(drawn.filter((p) => p.tier === null), 'no-tier'),
  ];
  const marks = bars
    ? byTier((data, className) => Plot.rectY(data, { x1: 'x1', x2: 'x2', y: 'y', inset: 1, fill: 'currentColor', className, title: tip }))
    : [
        // A month without a value breaks the line rather than dropping to 0.
        Plot.lineY(points, { x: 'x', y: 'y', className: 'trend-line', stroke: 'currentColor', strokeWidth: 1.5 }),
        ...byTier((data, className) => Plot.dot(data, { x: 'x', y: 'y', r: 4, fill: 'currentColor', className, title: tip })),
      ];
  const svg = renderChart(
    {
      ...SIZE,
      x: monthAxis(months.map((m) => ({ month: m.period }))),
      y: { label: spec.axis.label, grid: true, nice: true, zero: true, ...(spec.axis.scale === 100 ? { tickFormat: (v: number) => `${v}%` } : {}) },
      marks: [Plot.ruleY([0]), ...marks],
    },
    { id, label: title, description: reading },
  );
  const present = new Set(drawn.map((p) => p.tier));
  const legend = TIERS.filter((t) => present.has(t)).map((t) => ({ label: tierLabel(t), className: tierClass(t) }));
  // The value as the model has it: a ratio stays a ratio (its axis shows it as a percentage), so the column takes the measure's name.
  const data = {
    columns: ['Month', spec.axis.scale === 1 ? spec.axis.label : spec.label, 'Tier', 'Basis'],
    rows: points.map((p) => [p.m.period, spec.value(p.m), p.tier && tierLabel(p.tier), spec.basis(p.m)]),
  };
  return { id, title, reading, legend, svg, data };
}

/** E.g. "All systems, Oct 2025 – Mar 2026: 1.6 per week (high); Mar 2026: 5.9 per week (elite)." */
export function measureReading(spec: MeasureSpec, months: readonly DeliveryPeriod[], total: DeliveryPeriod, scope: string): string {
  const withTier = (m: DeliveryPeriod) => {
    const tier = spec.tier(m.tiers);
    return `${spec.text(spec.value(m))}${tier ? ` (${tierLabel(tier).toLowerCase()})` : ''}`;
  };
  const [first, last] = [months[0]?.period, months.at(-1)?.period];
  const span = !first || !last ? 'no month' : first === last ? formatMonth(first) : `${formatMonth(first)} – ${formatMonth(last)}`;
  if (spec.value(total) === null) return `${scope}, ${span}: no ${spec.label.toLowerCase()} to show (${spec.basis(total)}).`;
  const latest = months.filter((m) => spec.value(m) !== null).at(-1);
  return `${scope}, ${span}: ${withTier(total)}${latest ? `; ${formatMonth(latest.period)}: ${withTier(latest)}` : ''}.`;
}
