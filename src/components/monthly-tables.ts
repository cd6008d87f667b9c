// What the monthly status pages print: headline numbers and their changes in words, and the tables of
// initiatives, releases and lessons. A page may be a frozen snapshot naming releases and projects that
// are gone since: each links to its page only while the current site has one.
import type { ReportModel } from '../report/model.ts';
import type { MonthlyKpi, MonthlyPage, RatedItem } from '../report/model-monthly.ts';
import { formatCount, formatDays, formatMonth, formatNumber, formatPercent, MISSING, plural } from './format.ts';
import { rel } from './links.ts';
import { projectPath } from './portfolio-links.ts';
import { releasePath } from './releases-table.ts';
import { dateCell, linkCell, percentCell, reasonWords, statusCell, textCell, type Cell, type Column } from './table.ts';

export const monthPath = (month: string): string => `monthly/${month}/`;
export const MONTHLY_INDEX = 'monthly/';
export const MONTHLY_CSS = 'assets/monthly.css';

/** A headline value as people read it: `83%`, `2.5 days`, `41.2 h`, `12`; `—` when there is none. */
export function kpiValue(unit: MonthlyKpi['unit'], v: number | null): string {
  if (v === null) return MISSING;
  if (unit === 'ratio') return formatPercent(v);
  if (unit === 'days') return formatDays(v);
  if (unit === 'hours') return `${formatNumber(v)} h`;
  return Number.isInteger(v) ? formatCount(v) : formatNumber(v);
}

/** A change with its sign: `+5 pp` (ratios move in percentage points), `-1.5 days`, `+3`. */
export function kpiDelta(unit: MonthlyKpi['unit'], d: number): string {
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  const a = Math.abs(d);
  if (unit === 'ratio') return `${sign}${formatNumber(a * 100)} pp`;
  if (unit === 'days') return `${sign}${formatDays(a)}`;
  if (unit === 'hours') return `${sign}${formatNumber(a)} h`;
  return `${sign}${formatNumber(a)}`;
}

/** Whether a change is good news, in a word that does not rely on colour; null when neither way is better. */
export function judgement(kpi: Pick<MonthlyKpi, 'better'>, d: number): 'better' | 'worse' | 'same' | null {
  if (d === 0) return 'same';
  if (kpi.better === null) return null;
  return (d > 0) === (kpi.better === 'higher') ? 'better' : 'worse';
}

export interface KpiComparison {
  /** `+5 pp`, or `—` when either side is unknown. */
  delta: string;
  judgement: ReturnType<typeof judgement>;
  /** What it is compared with: `Sep 2026: 80%`, `mean of 3 months: 77%`. */
  against: string;
}

export function comparisons(kpi: MonthlyKpi, month: string): { previous: KpiComparison; average: KpiComparison } {
  const one = (d: number | null, against: string): KpiComparison => ({ delta: d === null ? MISSING : kpiDelta(kpi.unit, d), judgement: d === null ? null : judgement(kpi, d), against });
  const [y, m] = month.split('-').map(Number) as [number, number];
  const previousMonth = formatMonth(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
  return {
    previous: one(kpi.vsPrevious, `${previousMonth}: ${kpiValue(kpi.unit, kpi.previous)}`),
    average: one(kpi.vsAverage, kpi.averageOf === 0 ? 'no earlier month' : `mean of ${plural(kpi.averageOf, 'month')}: ${kpiValue(kpi.unit, kpi.average)}`),
  };
}

/** At most `most` of a status reason's signals, and how many more there are: an executive reads the first. */
export function briefReason(reason: string, most = 2): string {
  const parts = reasonWords(reason).split('; ');
  return parts.length > most ? `${parts.slice(0, most).join('; ')}; and ${parts.length - most} more` : parts.join('; ');
}

type Ref = { id: string; name: string } | null;

/** Cells linking to the current site's release and project pages, by id (none for what is gone). */
export function monthlyLinks(model: Pick<ReportModel, 'releases' | 'portfolio'>, from: string) {
  const releases = new Map(model.releases.rows.map((r) => [r.id, r.slug]));
  const projects = new Map(model.portfolio.projects.map((p) => [p.project.id, p.project.slug]));
  const to = (slugs: Map<string, string>, path: (slug: string) => string) => (r: Ref): Cell => {
    const slug = r ? slugs.get(r.id) : undefined;
    return linkCell(r?.name ?? null, slug === undefined ? undefined : rel(from, path(slug)));
  };
  return { release: to(releases, releasePath), project: to(projects, (slug) => projectPath({ slug })) };
}

type Links = ReturnType<typeof monthlyLinks>;
interface Table { columns: Column[]; rows: Cell[][] }

const ratedCell = (r: RatedItem) => statusCell({ status: r.status, reason: '' });

export const initiativesTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [{ label: 'Project' }, { label: 'Status' }, { label: 'Why' }],
  rows: p.initiatives.rows.map((r) => [l.project(r), ratedCell(r), textCell(briefReason(r.reason))]),
});

export const risksTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [{ label: 'Release' }, { label: 'Project' }, { label: 'Status' }, { label: 'Risk' }],
  rows: p.risks.rows.map((r) => [l.release(r), l.project(r.project), ratedCell(r), textCell(briefReason(r.reason))]),
});

const slipCell = (d: number | null): Cell => ({ text: d === null ? MISSING : d === 0 ? 'on plan' : `${formatDays(Math.abs(d))} ${d > 0 ? 'late' : 'early'}`, sort: d });

export const shippedTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [{ label: 'Release' }, { label: 'Project' }, { label: 'Planned', kind: 'date' }, { label: 'Shipped', kind: 'date' }, { label: 'Against plan', kind: 'number' }],
  rows: p.shipped.rows.map((r) => [l.release(r.release), l.project(r.project), dateCell(r.planned), dateCell(r.actual), slipCell(r.slipDays)]),
});

export const slippedTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [{ label: 'Release' }, { label: 'Project' }, { label: 'Planned', kind: 'date' }, { label: 'Shipped', kind: 'date' }, { label: 'Why' }],
  rows: p.slipped.rows.map((r) => [l.release(r.release), l.project(r.project), dateCell(r.planned), r.actual ? dateCell(r.actual) : textCell('not yet'), textCell(r.why)]),
});

export const plannedTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [
    { label: 'Release' }, { label: 'Project' }, { label: 'Planned', kind: 'date' }, { label: 'P85 forecast', kind: 'date' },
    { label: 'On-time probability', kind: 'number' }, { label: 'Status' },
  ],
  rows: p.planned.rows.map((r) => [
    l.release(r.release), l.project(r.project), dateCell(r.planned), r.actual ? { text: `shipped ${r.actual}`, sort: r.actual } : dateCell(r.forecastP85),
    percentCell(r.onTimeProbability), r.status ? statusCell({ status: r.status, reason: '' }) : textCell(r.actual ? 'shipped' : null),
  ]),
});

export const lessonsTable = (l: Links, p: MonthlyPage): Table => ({
  columns: [{ label: 'Lesson' }, { label: 'Project' }, { label: 'Category' }, { label: 'Impact' }, { label: 'Action' }],
  rows: p.lessons.rows.map((r) => [{ text: r.title ?? r.id, note: `${r.id}, ${r.date}` }, l.project(r.project), textCell(r.category), textCell(r.impact), textCell(r.action)]),
});

/** "Showing 12 of 30." under a cut list; nothing when all rows show. */
export const moreText = (list: { rows: unknown[]; total: number }): string | null =>
  list.total > list.rows.length ? `Showing ${formatCount(list.rows.length)} of ${formatCount(list.total)}.` : null;

/** The index's line per month: headline numbers by metric id. */
export function headline(p: MonthlyPage, metric: string): Cell {
  const k = p.kpis.find((x) => x.metric === metric);
  return { text: k ? kpiValue(k.unit, k.value) : MISSING, sort: k?.value ?? null };
}

export const stateText = (p: MonthlyPage): string =>
  p.state.kind === 'frozen' ? `frozen on ${p.state.frozenOn}` : p.state.kind === 'open' ? 'provisional: still open' : `provisional: freezes after ${p.state.freezesAfter}`;

export const countsCell = (p: MonthlyPage): Cell =>
  p.statuses.projects ? { text: `${p.statuses.projects.red} red, ${p.statuses.projects.amber} amber`, sort: p.statuses.projects.red * 1000 + p.statuses.projects.amber } : { text: 'not recorded', sort: null };

