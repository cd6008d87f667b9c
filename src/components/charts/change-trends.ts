// The changes page's trends by month: changes opened (emergencies on top), success rate, emergency and
// unauthorized shares, changes planned inside freeze windows, and lead time against time to approval.
import * as Plot from '@observablehq/plot';
import type { ChangeMonth } from '../../report/model-changes.ts';
import { formatCount, formatDays, formatMonth, formatPercent, monthEnd, monthStart, plural } from '../format.ts';
import { twoLines } from './predictability.ts';
import { monthAxis } from './releases.ts';
import { renderChart, type ChartData, type RenderedChart } from './render.ts';

const SIZE = { width: 560, height: 240, marginLeft: 48, marginBottom: 44 } as const;
const percent = (r: number | null) => (r === null ? null : r * 100);
const sum = (months: readonly ChangeMonth[], f: (m: ChangeMonth) => number) => months.reduce((n, m) => n + f(m), 0);

/** Tick count for an axis of counts up to `max`: never more ticks than whole numbers, which would repeat labels. */
export const countTicks = (max: number): number => Math.max(1, Math.min(max, 5));

function span(months: readonly ChangeMonth[]): string {
  const first = months[0]!.month;
  const last = months.at(-1)!.month;
  return first === last ? formatMonth(first) : `${months.length} months (${formatMonth(first)} – ${formatMonth(last)})`;
}

function chart(id: string, title: string, reading: string, data: ChartData, options: Omit<Plot.PlotOptions, 'document'>, legend: RenderedChart['legend'] = []): RenderedChart {
  return { id, title, reading, legend, svg: renderChart({ ...SIZE, ...options }, { id, label: title, description: reading }), data };
}

/** A chart's data, a row per month: the month, then `values`. */
const byMonth = (months: readonly ChangeMonth[], columns: string[], values: (m: ChangeMonth) => Array<number | null>): ChartData => ({
  columns: ['Month', ...columns],
  rows: months.map((m) => [m.month, ...values(m)]),
});

export function openedTip(m: ChangeMonth): string {
  return `${formatMonth(m.month)}: ${plural(m.opened, 'change', 'changes')} opened, ${formatCount(m.emergency)} emergency, ${formatCount(m.unauthorized)} unauthorized`;
}

export function openedChart(months: readonly ChangeMonth[]): RenderedChart {
  const rows = months.map((m) => ({ m, x1: monthStart(m.month), x2: monthEnd(m.month), planned: m.opened - m.emergency }));
  const data = byMonth(months, ['Opened', 'Standard and normal', 'Emergency', 'Unauthorized'], (m) => [m.opened, m.opened - m.emergency, m.emergency, m.unauthorized]);
  return chart('changes-opened', 'Changes opened per month', openedReading(months), data, {
    x: monthAxis(months),
    y: { label: 'Changes opened', grid: true, nice: true, tickFormat: 'd', ticks: countTicks(Math.max(0, ...months.map((m) => m.opened))) },
    marks: [
      // Two marks stacked by hand so that each series has a class that follows the theme.
      Plot.rectY(rows.filter((r) => r.planned > 0), { x1: 'x1', x2: 'x2', y1: 0, y2: 'planned', inset: 1, fill: 'currentColor', className: 'fill-1', title: (r: { m: ChangeMonth }) => openedTip(r.m) }),
      Plot.rectY(rows.filter((r) => r.m.emergency > 0), {
        x1: 'x1', x2: 'x2', y1: 'planned', y2: (r: { m: ChangeMonth }) => r.m.opened, inset: 1, fill: 'currentColor', className: 'fill-2', title: (r: { m: ChangeMonth }) => openedTip(r.m),
      }),
      Plot.ruleY([0]),
    ],
  }, months.some((m) => m.emergency > 0) ? [{ label: 'Standard and normal', className: 'fill-1' }, { label: 'Emergency', className: 'fill-2' }] : []);
}

export function openedReading(months: readonly ChangeMonth[]): string {
  const opened = sum(months, (m) => m.opened);
  if (opened === 0) return 'No change was opened.';
  const busiest = months.reduce((a, m) => (m.opened > a.opened ? m : a));
  return `${plural(opened, 'change', 'changes')} opened in ${span(months)}, ${formatCount(sum(months, (m) => m.emergency))} of them emergencies; the most in ${formatMonth(busiest.month)} (${formatCount(busiest.opened)}).`;
}

export function successTip(m: ChangeMonth): string {
  return `${formatMonth(m.month)}: ${formatPercent(m.successRate)} successful (${formatCount(m.successful)} of ${plural(m.closed, 'change', 'changes')} closed)`;
}

export function successChart(months: readonly ChangeMonth[]): RenderedChart {
  const data = byMonth(months, ['Success rate', 'Successful', 'Closed'], (m) => [m.successRate, m.successful, m.closed]);
  return chart('changes-success', 'Success rate by month of closing', successReading(months), data, {
    x: monthAxis(months),
    y: { label: 'Successful (%)', domain: [0, 100], grid: true, tickFormat: (v: number) => `${v}%` },
    marks: [Plot.ruleY([0]), ...twoLines(months, [{ value: (m) => percent(m.successRate), className: 'stroke-1' }], successTip)],
  });
}

export function successReading(months: readonly ChangeMonth[]): string {
  const latest = months.filter((m) => m.successRate !== null).at(-1);
  if (!latest) return 'No change has closed with a close code yet, so there is no success rate.';
  const closed = sum(months, (m) => m.closed);
  return (
    `${formatMonth(latest.month)}, the latest month with changes closed: ${formatPercent(latest.successRate)} successful, against ` +
    `${formatPercent(sum(months, (m) => m.successful) / closed)} of ${plural(closed, 'change', 'changes')} over ${span(months)}.`
  );
}

export function sharesTip(m: ChangeMonth): string {
  return m.opened === 0
    ? `${formatMonth(m.month)}: no change opened`
    : `${formatMonth(m.month)}: ${formatPercent(m.emergencyShare)} emergency (${formatCount(m.emergency)}), ${formatPercent(m.unauthorizedShare)} unauthorized (${formatCount(m.unauthorized)}) of ${formatCount(m.opened)} opened`;
}

export function sharesChart(months: readonly ChangeMonth[]): RenderedChart {
  const data = byMonth(months, ['Emergency share', 'Unauthorized share', 'Opened'], (m) => [m.emergencyShare, m.unauthorizedShare, m.opened]);
  return chart('changes-shares', 'Emergency and unauthorized changes by month', sharesReading(months), data, {
    x: monthAxis(months),
    y: { label: 'Share of changes opened (%)', grid: true, nice: true, zero: true, tickFormat: (v: number) => `${v}%` },
    marks: [
      Plot.ruleY([0]),
      ...twoLines(months, [{ value: (m) => percent(m.emergencyShare), className: 'stroke-2' }, { value: (m) => percent(m.unauthorizedShare), className: 'stroke-3' }], sharesTip),
    ],
  }, [{ label: 'Emergency', className: 'stroke-2' }, { label: 'Unauthorized', className: 'stroke-3' }]);
}

export function sharesReading(months: readonly ChangeMonth[]): string {
  const opened = sum(months, (m) => m.opened);
  if (opened === 0) return 'No change was opened.';
  const emergency = sum(months, (m) => m.emergency);
  const unauthorized = sum(months, (m) => m.unauthorized);
  return (
    `${formatPercent(emergency / opened)} of the changes opened in ${span(months)} were emergencies (${formatCount(emergency)}) and ` +
    `${formatPercent(unauthorized / opened)} unauthorized (${formatCount(unauthorized)}).`
  );
}

export function freezeTip(m: ChangeMonth): string {
  return `${formatMonth(m.month)}: ${plural(m.inFreeze, 'change', 'changes')} planned to start inside a freeze window`;
}

export function inFreezeChart(months: readonly ChangeMonth[]): RenderedChart {
  const rows = months.filter((m) => m.inFreeze > 0);
  const data = byMonth(months, ['Planned to start inside a freeze window'], (m) => [m.inFreeze]);
  return chart('changes-in-freeze', 'Changes inside freeze windows by month', inFreezeReading(months), data, {
    x: monthAxis(months),
    y: { label: 'Changes (by planned start)', grid: true, nice: true, tickFormat: 'd', ticks: countTicks(Math.max(0, ...rows.map((m) => m.inFreeze))), domain: rows.length ? undefined : [0, 1] },
    marks: [
      Plot.rectY(rows, { x1: (m: ChangeMonth) => monthStart(m.month), x2: (m: ChangeMonth) => monthEnd(m.month), y: 'inFreeze', inset: 1, fill: 'currentColor', className: 'cal-freeze-bar', title: freezeTip }),
      Plot.ruleY([0]),
    ],
  });
}

export function inFreezeReading(months: readonly ChangeMonth[]): string {
  const total = sum(months, (m) => m.inFreeze);
  if (total === 0) return 'No change (emergencies aside) is planned inside a freeze window.';
  const most = months.reduce((a, m) => (m.inFreeze > a.inFreeze ? m : a));
  const inMonths = months.filter((m) => m.inFreeze > 0).length;
  return `${plural(total, 'change', 'changes')} (emergencies aside) planned inside freeze windows, in ${plural(inMonths, 'month', 'months')}; the most in ${formatMonth(most.month)} (${formatCount(most.inFreeze)}).`;
}

export function leadTimeTip(m: ChangeMonth): string {
  const lead = m.leadTimeChanges ? `median lead time ${formatDays(m.leadTimeMedian)} (${plural(m.leadTimeChanges, 'change', 'changes')} closed)` : 'no change closed';
  const approval = m.approvals ? `median time to approval ${formatDays(m.approvalMedian)} (${plural(m.approvals, 'approval', 'approvals')})` : 'no approval';
  return `${formatMonth(m.month)}: ${lead}; ${approval}`;
}

export function leadTimeChart(months: readonly ChangeMonth[], overall: { leadTimeMedian: number | null; approvalMedian: number | null }): RenderedChart {
  const approvals = months.some((m) => m.approvals > 0);
  const data = byMonth(months, ['Median lead time (days)', 'Changes closed', 'Median time to approval (days)', 'Approvals'], (m) => [m.leadTimeMedian, m.leadTimeChanges, m.approvalMedian, m.approvals]);
  return chart('changes-lead-time', 'Lead time and time to approval by month', leadTimeReading(months, overall), data, {
    x: monthAxis(months),
    y: { label: 'Days (median)', grid: true, nice: true, zero: true },
    marks: [
      Plot.ruleY([0]),
      ...twoLines(months, [{ value: (m) => m.leadTimeMedian, className: 'stroke-1' }, ...(approvals ? [{ value: (m: ChangeMonth) => m.approvalMedian, className: 'stroke-2' }] : [])], leadTimeTip),
    ],
  }, approvals ? [{ label: 'Lead time: opened → closed', className: 'stroke-1' }, { label: 'Time to approval: opened → approved', className: 'stroke-2' }] : []);
}

export function leadTimeReading(months: readonly ChangeMonth[], overall: { leadTimeMedian: number | null; approvalMedian: number | null }): string {
  const approval = overall.approvalMedian === null ? 'No approval times in the exports.' : `Median time to approval: ${formatDays(overall.approvalMedian)}.`;
  if (overall.leadTimeMedian === null) return `No change has closed yet, so there is no lead time. ${approval}`;
  const latest = months.filter((m) => m.leadTimeMedian !== null).at(-1);
  const recent = latest ? `; ${formatDays(latest.leadTimeMedian)} in ${formatMonth(latest.month)}` : '';
  return `Median lead time from opening to closing: ${formatDays(overall.leadTimeMedian)} over all changes closed${recent}. ${approval}`;
}
