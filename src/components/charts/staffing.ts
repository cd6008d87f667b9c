// The staffing page's charts: effort share and throughput as small multiples, and planned against
// actual spend by month. Small multiples (a little bar chart per team, portfolio or program, on one
// shared scale) compare a dozen series without a colour each, which the theme could not keep
// distinguishable; the lessons page draws its categories the same way.
import * as Plot from '@observablehq/plot';
import { quantileOf, round } from '../../metrics/stats.ts';
import type { EffortSeries, SpendRow, SpendScope, StaffingAndSpend } from '../../report/model-portfolio.ts';
import { formatCount, formatMonth, formatNumber, formatPercent } from '../format.ts';
import { shorten } from './booking-calendar.ts';
import { twoLines } from './predictability.ts';
import { monthAxis } from './releases.ts';
import { renderChart, type RenderedChart } from './render.ts';
import { topAndRest, topText } from './top.ts';

export interface MultiplesRow {
  label: string;
  /** One per column; null draws nothing. */
  values: ReadonlyArray<number | null>;
  /** The tooltip of the value in column `i` (the row's label is beside it). */
  tip: (i: number) => string;
  /** A rule across the row (a median), with its tooltip. */
  reference?: { value: number; tip: string };
}

export interface MultiplesSpec {
  id: string;
  title: string;
  reading: string;
  /** The x band of each value, in order (quarters, months, ISO weeks). */
  columns: readonly string[];
  columnLabel: string;
  /** What a row is ("Team", "Category"): the first column of the chart's data. */
  rowLabel?: string;
  tickFormat?: (column: string) => string;
  /** Label every nth column, counted back from the last so that the latest is always labelled. */
  every?: number;
  rows: readonly MultiplesRow[];
  /** `percent`: the values are ratios, drawn and labelled as percentages. */
  y: { label: string; percent?: boolean };
  legend?: RenderedChart['legend'];
  /** The rows of the CSV download when they are not the rows drawn (every team, where the chart sums the smallest). */
  dataRows?: readonly MultiplesRow[];
}

/** The teams (portfolios, programs) a chart draws a row each for; the others share one row. */
export const CHART_SERIES = 12;

const ROW_HEIGHT = 54;
// Axis ticks of amounts (600K, 1.5M); Plot's own `~s` writes zero as "0k".
const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });
const compactTick = (v: number) => compact.format(v);

export function multiplesChart(spec: MultiplesSpec): RenderedChart {
  const { id, title, reading, columns, rows } = spec;
  const every = spec.every ?? 1;
  const scale = spec.y.percent ? 100 : 1;
  // Zero bars are left out: nothing to see or hover.
  const bars = rows.flatMap((r, i) => r.values.flatMap((v, j) => (v === null || v <= 0 ? [] : [{ fy: String(i), x: columns[j]!, y: v * scale, tip: r.tip(j) }])));
  const rules = rows.flatMap((r, i) => (r.reference ? [{ fy: String(i), y: r.reference.value * scale, tip: r.reference.tip }] : []));
  const max = Math.max(0, ...bars.map((b) => b.y), ...rules.map((r) => r.y));
  const svg = renderChart(
    {
      width: 1100,
      height: 70 + Math.max(rows.length, 1) * ROW_HEIGHT,
      marginTop: 24,
      marginBottom: 44,
      marginRight: 56,
      marginLeft: Math.min(190, 16 + Math.max(4, ...rows.map((r) => shorten(r.label).length)) * 6.5),
      x: {
        type: 'band', round: true, domain: [...columns], padding: 0.15, label: spec.columnLabel, tickFormat: spec.tickFormat,
        ticks: columns.filter((_, j) => (columns.length - 1 - j) % every === 0),
      },
      y: { axis: 'right', round: true, domain: [0, max || 1], nice: true, ticks: 2, label: spec.y.label, tickFormat: spec.y.percent ? (v: number) => `${v}%` : compactTick },
      fy: { domain: rows.map((_, i) => String(i)), axis: 'left', label: null, padding: 0.3, tickSize: 0, tickFormat: (k: string) => shorten(rows[Number(k)]!.label) },
      marks: [
        Plot.ruleY([0]),
        Plot.barY(bars, { x: 'x', y: 'y', fy: 'fy', className: 'fill-1', fill: 'currentColor', title: 'tip' }),
        Plot.ruleY(rules, { y: 'y', fy: 'fy', className: 'stroke-2', stroke: 'currentColor', strokeWidth: 2, title: 'tip' }),
      ],
    },
    { id, label: title, description: reading },
  );
  // Long form, a line per row and column, in the units drawn (a percentage where the axis shows one).
  const data = {
    columns: [spec.rowLabel ?? 'Series', spec.columnLabel, spec.y.label],
    rows: (spec.dataRows ?? rows).flatMap((r) => columns.map((column, j) => [r.label, column, (r.values[j] ?? null) === null ? null : r.values[j]! * scale])),
  };
  return { id, title, reading, legend: spec.legend ?? [], svg, data };
}

/** `story points` or `work items`: what effort is counted in. */
export const unitText = (basis: StaffingAndSpend['basis']): string => (basis === 'story_points' ? 'story points' : 'work items');

/** Effort share per month of each series (teams, portfolios or programs): the CHART_SERIES with the most done, the rest as one row. */
export function effortChart(id: string, scope: string, series: readonly EffortSeries[], staffing: StaffingAndSpend): RenderedChart {
  const { months, totalDone } = staffing;
  const unit = unitText(staffing.basis);
  const name = (s: EffortSeries) => s.group?.name ?? s.id;
  const title = `Effort share by ${scope}, per month`;
  const { top, rest } = topAndRest(series, (s) => s.totalDone, CHART_SERIES);
  const row = (s: EffortSeries): MultiplesRow => ({
    label: name(s),
    values: s.share,
    tip: (i) => `${formatMonth(months[i]!)}: ${formatPercent(s.share[i] ?? null)} (${formatCount(s.done[i]!)} of ${formatCount(totalDone[i]!)})`,
  });
  return multiplesChart({
    id, title, reading: effortReading(scope, series, staffing) + topText(top.length, series.length, scopes(scope), `${unit} done`, true),
    columns: months, columnLabel: 'Month', rowLabel: scope.charAt(0).toUpperCase() + scope.slice(1), tickFormat: formatMonth, every: 3,
    y: { label: `Share of ${unit} done (%)`, percent: true },
    rows: [...top, ...(rest.length ? [otherEffort(rest, scopes(scope), staffing)] : [])].map(row),
    dataRows: series.map(row),
  });
}

const scopes = (scope: string) => (scope === 'portfolio' ? 'portfolios' : `${scope}s`);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The series left out as one: their work added up, their share of each month's whole. */
function otherEffort(rest: readonly EffortSeries[], rows: string, { months, totalDone }: StaffingAndSpend): EffortSeries {
  const done = months.map((_, i) => sum(rest.map((s) => s.done[i]!)));
  const all = sum(totalDone);
  return {
    id: `${formatCount(rest.length)} other ${rows}`, group: null, done, share: done.map((d, i) => (totalDone[i] ? d / totalDone[i]! : null)),
    totalDone: sum(done), totalShare: all ? sum(done) / all : null,
  };
}

/** E.g. "5 teams over 24 months (Apr 2024 – Mar 2026), in story points; the largest share overall: Cards Team, 28%." */
export function effortReading(scope: string, series: readonly EffortSeries[], staffing: StaffingAndSpend): string {
  const { months } = staffing;
  const top = [...series].sort((a, b) => (b.totalShare ?? -1) - (a.totalShare ?? -1))[0];
  if (!top || months.length === 0) return `No work item done by any ${scope}.`;
  const span = months.length === 1 ? formatMonth(months[0]!) : `${formatMonth(months[0]!)} – ${formatMonth(months.at(-1)!)}`;
  const plural = series.length === 1 ? scope : scopes(scope);
  return (
    `${formatCount(series.length)} ${plural} over ${formatCount(months.length)} ${months.length === 1 ? 'month' : 'months'} (${span}), in ${unitText(staffing.basis)}; ` +
    `the largest share overall: ${top.group?.name ?? top.id}, ${formatPercent(top.totalShare)}.`
  );
}

/** Work items done per ISO week, a row per team with its median as a rule: the CHART_SERIES teams that did the most, the rest as one row. */
export function throughputChart(id: string, throughput: StaffingAndSpend['throughput']): RenderedChart {
  const { weeks, teams } = throughput;
  const title = 'Work items done per team and week';
  const { top, rest } = topAndRest(teams, (t) => sum(t.items), CHART_SERIES);
  const other = (): Team => {
    const items = weeks.map((_, i) => sum(rest.map((t) => t.items[i]!)));
    return { team: `${formatCount(rest.length)} other teams`, items, median: round(quantileOf(items, 0.5), 2)! };
  };
  const row = (t: Team): MultiplesRow => ({
    label: t.team,
    values: t.items,
    tip: (i) => `${weeks[i]!.week} (from ${weeks[i]!.monday}): ${formatCount(t.items[i]!)} done`,
    reference: { value: t.median, tip: `${t.team}: median ${formatNumber(t.median)} a week` },
  });
  return multiplesChart({
    id, title, reading: throughputReading(throughput) + topText(top.length, teams.length, 'teams', 'work items done', true),
    columns: weeks.map((w) => w.week), columnLabel: 'ISO week', rowLabel: 'Team', every: 4,
    y: { label: 'Work items done' },
    rows: [...top, ...(rest.length ? [other()] : [])].map(row),
    dataRows: teams.map(row),
    legend: [{ label: 'Done in the week', className: 'fill-1' }, { label: 'Median week', className: 'stroke-2' }],
  });
}

type Team = StaffingAndSpend['throughput']['teams'][number];

/** E.g. "4 teams over 26 weeks (2025-W41 – 2026-W14); the highest median: Cards Team, 14 a week." */
export function throughputReading({ weeks, teams }: StaffingAndSpend['throughput']): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  const top = [...teams].sort((a, b) => b.median - a.median)[0];
  if (!first || !last || !top) return 'No team finished a work item in the last 26 weeks.';
  return (
    `${formatCount(teams.length)} ${teams.length === 1 ? 'team' : 'teams'} over ${formatCount(weeks.length)} weeks (${first.week} – ${last.week}); ` +
    `the highest median: ${top.team}, ${formatNumber(top.median)} a week.`
  );
}

export function spendTip(r: SpendRow): string {
  return `${formatMonth(r.period)}: planned ${formatCount(r.planned)}, actual ${formatCount(r.actual)}`;
}

/** Planned and actual amounts of one scope per month (later months hold plans only). */
export function spendChart(id: string, scope: SpendScope): RenderedChart {
  const title = `Planned and actual spend per month${scope.kind === 'all' ? ', all projects' : ''}`;
  const reading = spendReading(scope);
  const rows = scope.months.map((r) => ({ ...r, month: r.period }));
  const svg = renderChart(
    {
      width: 1100, height: 260, marginLeft: 56, marginBottom: 44, marginRight: 20,
      x: { ...monthAxis(rows), round: true },
      y: { label: 'Amount per month', round: true, grid: true, nice: true, zero: true, tickFormat: compactTick },
      marks: [Plot.ruleY([0]), ...twoLines(rows, [{ value: (r) => r.planned, className: 'stroke-1' }, { value: (r) => r.actual, className: 'stroke-2' }], spendTip)],
    },
    { id, label: title, description: reading },
  );
  const data = { columns: ['Month', 'Planned', 'Actual'], rows: scope.months.map((r) => [r.period, r.planned, r.actual]) };
  return { id, title, reading, legend: [{ label: 'Planned', className: 'stroke-1' }, { label: 'Actual', className: 'stroke-2' }], svg, data };
}

/** E.g. "To date (12 months with actuals): planned 7,200,000, actual 7,524,000, 4.5% over plan; 3,600,000 more planned after." */
export function spendReading(scope: SpendScope): string {
  const { toDate, total } = scope;
  const actuals = scope.months.filter((m) => m.actual !== null).length;
  const later = total.planned - (toDate.planned ?? 0);
  const variance = toDate.variance === null ? 'no variance (nothing planned to date)' : `${varianceText(toDate.variance)} against plan`;
  return (
    `To date (${formatCount(actuals)} ${actuals === 1 ? 'month' : 'months'} with actual amounts): planned ${formatCount(toDate.planned)}, actual ${formatCount(toDate.actual)}, ${variance}` +
    (later > 0 ? `; ${formatCount(later)} more planned after.` : '.')
  );
}

/** A spend variance as a signed percentage with one decimal: `+4.5%`, `-0.1%`; a dash for null. */
export function varianceText(v: number | null): string {
  if (v === null) return formatPercent(null);
  const percent = Math.round(v * 1000) / 10;
  return `${percent > 0 ? '+' : percent < 0 ? '-' : ''}${Math.abs(percent).toFixed(1)}%`;
}
