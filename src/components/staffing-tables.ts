// The staffing page's tables: effort share per month by team, portfolio and program; throughput per
// team and ISO week with its median; planned against actual spend per scope and, for all projects,
// per month. Portfolios, programs and projects link to their pages.
import type { EffortSeries, SpendRow, SpendScope, StaffingAndSpend } from '../report/model-portfolio.ts';
import { varianceText } from './charts/staffing.ts';
import { formatCount, formatMonth, formatNumber } from './format.ts';
import { groupCell, projectCell } from './portfolio-links.ts';
import { countCell, percentCell, textCell, type Cell, type Column } from './table.ts';

/** `unit`: what effort is counted in (`story points`). */
export function effortColumns(scope: string, unit: string, months: readonly string[]): Column[] {
  return [
    { label: scope },
    { label: `Done (${unit})`, kind: 'number' },
    { label: 'Share, all months', kind: 'number' },
    ...months.map((m): Column => ({ label: formatMonth(m), kind: 'number' })),
  ];
}

export function effortRows(series: readonly EffortSeries[], from: string): Cell[][] {
  return series.map((s) => [
    s.group ? groupCell(from, s.group) : textCell(s.id),
    countCell(s.totalDone),
    percentCell(s.totalShare),
    ...s.share.map((share) => percentCell(share)),
  ]);
}

export function throughputColumns(throughput: StaffingAndSpend['throughput']): Column[] {
  return [
    { label: 'Team' },
    { label: 'Median per week', kind: 'number' },
    { label: `Done in ${formatCount(throughput.weeks.length)} weeks`, kind: 'number' },
    ...throughput.weeks.map((w): Column => ({ label: w.week, kind: 'number' })),
  ];
}

export function throughputRows(throughput: StaffingAndSpend['throughput']): Cell[][] {
  return throughput.teams.map((t) => [textCell(t.team), { text: formatNumber(t.median), sort: t.median }, countCell(t.items.reduce((n, k) => n + k, 0)), ...t.items.map((n) => countCell(n))]);
}

export const SPEND_COLUMNS: Column[] = [
  { label: 'Scope' },
  { label: 'Kind' },
  { label: 'Budget', kind: 'number' },
  { label: 'Planned to date', kind: 'number' },
  { label: 'Actual to date', kind: 'number' },
  { label: 'Variance to date', kind: 'number' },
  { label: 'Planned, all months', kind: 'number' },
];

const varianceCell = (r: SpendRow): Cell => ({ text: varianceText(r.variance), sort: r.variance });

function scopeCell(s: SpendScope, from: string): Cell {
  if (s.kind === 'all') return { text: 'All projects' };
  return s.kind === 'project' ? projectCell(from, s.project) : groupCell(from, s.group);
}

export function spendRows(spend: readonly SpendScope[], from: string): Cell[][] {
  return spend.map((s) => [
    scopeCell(s, from),
    { text: s.kind },
    countCell(s.budget),
    countCell(s.toDate.planned),
    countCell(s.toDate.actual),
    varianceCell(s.toDate),
    countCell(s.total.planned),
  ]);
}

export const SPEND_MONTH_COLUMNS: Column[] = [
  { label: 'Month' },
  { label: 'Planned', kind: 'number' },
  { label: 'Actual', kind: 'number' },
  { label: 'Variance', kind: 'number' },
];

export function spendMonthRows(scope: SpendScope): Cell[][] {
  return scope.months.map((r) => [{ text: formatMonth(r.period), sort: r.period }, countCell(r.planned), countCell(r.actual), varianceCell(r)]);
}
