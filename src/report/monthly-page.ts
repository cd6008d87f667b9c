// One month's status page (docs/metrics.md#monthly-status), computed from the report model this build
// already holds: the headline numbers are its metric rows of scope `all` (never recomputed here), the
// statuses are a status snapshot (this build's own for the open month), and the lists come from the
// releases, forecasts and lessons pages. Pure: the caller decides which months are open or frozen.
import type { MetricRow } from '../metrics/types.ts';
import { round } from '../metrics/stats.ts';
import { monthOf } from '../metrics/periods.ts';
import type { ReleaseRow } from './model-releases.ts';
import type { LessonsPage, ReleaseStatusRow } from './model-portfolio.ts';
import type { MonthlyKpi, MonthlyPage, MonthState, RatedItem } from './model-monthly.ts';
import type { StatusSnapshot } from './status-history.ts';

/** The headline numbers, in the page's order: each a metric of scope `all` with monthly periods. */
export const MONTHLY_KPIS: ReadonlyArray<Pick<MonthlyKpi, 'metric' | 'label' | 'unit' | 'better'>> = [
  { metric: 'releases.count_released', label: 'Releases shipped', unit: 'count', better: 'higher' },
  { metric: 'releases.on_time_rate', label: 'On-time rate', unit: 'ratio', better: 'higher' },
  { metric: 'releases.slip_days_median', label: 'Median slip', unit: 'days', better: 'lower' },
  { metric: 'changes.success_rate', label: 'Change success rate', unit: 'ratio', better: 'higher' },
  { metric: 'delivery.change_failure_rate', label: 'Change failure rate', unit: 'ratio', better: 'lower' },
  { metric: 'delivery.recovery_hours_median', label: 'Median recovery time', unit: 'hours', better: 'lower' },
  { metric: 'incidents.count', label: 'Incidents', unit: 'count', better: 'lower' },
  { metric: 'environments.utilization', label: 'Environment utilisation', unit: 'ratio', better: null },
];

/** How many rows of each list the page shows: enough for two A4 pages. */
export const MONTHLY_CAPS = { initiatives: 8, risks: 5, shipped: 8, slipped: 5, planned: 5, lessons: 3 } as const;

export interface MonthlyInputs {
  asOf: string;
  metrics: readonly MetricRow[];
  /** The releases page's rows (state, dates, slip, project). */
  releases: readonly ReleaseRow[];
  /** The portfolio's release rows (forecast and status of open releases). */
  statuses: readonly ReleaseStatusRow[];
  lessons: LessonsPage;
}

/** The statuses a page shows: a snapshot taken during the month, or none. */
export interface StatusSource {
  source: 'build' | 'snapshot' | 'none';
  snapshot: StatusSnapshot | null;
}

/** `YYYY-MM` moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const DECIMALS = { count: 2, ratio: 4, days: 2, hours: 2 } as const;

/** The metric value of scope `all` per metric and period. */
export function allScope(metrics: readonly MetricRow[]): Map<string, MetricRow> {
  return new Map(metrics.filter((r) => r.scope_kind === 'all').map((r) => [`${r.metric}\u0000${r.period}`, r]));
}

const numberOf = (r: MetricRow | undefined): number | null => (typeof r?.value === 'number' ? r.value : null);
const minus = (a: number | null, b: number | null, d: number): number | null => (a === null || b === null ? null : round(a - b, d));

/** The headline numbers of `month`, each against the month before and the mean of the three before. */
export function monthlyKpis(values: Map<string, MetricRow>, month: string): MonthlyKpi[] {
  return MONTHLY_KPIS.map((k) => {
    const at = (m: string) => values.get(`${k.metric}\u0000${m}`);
    const d = DECIMALS[k.unit];
    const row = at(month);
    const value = numberOf(row);
    const previous = numberOf(at(addMonths(month, -1)));
    const window = [1, 2, 3].map((n) => numberOf(at(addMonths(month, -n)))).filter((v): v is number => v !== null);
    const average = window.length ? round(window.reduce((a, b) => a + b, 0) / window.length, d) : null;
    // The detail's list of rows (after the first ": ") is for the export, not for an executive.
    const basis = row ? row.detail.split(': ')[0]! : null;
    return {
      ...k, value, basis, previous, vsPrevious: minus(value, previous, d),
      average, averageOf: window.length, vsAverage: minus(value, average, d),
    };
  });
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const capped = <T>(rows: T[], cap: number) => ({ rows: rows.slice(0, cap), total: rows.length });
const signals = (reason: string) => reason.split('; ').length;

/** Red, then amber; within each, the most signals first, then by name. */
function ranked(items: RatedItem[]): RatedItem[] {
  return items.sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1) || signals(b.reason) - signals(a.reason) || byText(a.name, b.name) || byText(a.id, b.id));
}

function statusLists(status: StatusSource, releases: readonly ReleaseRow[]): Pick<MonthlyPage, 'statuses' | 'initiatives' | 'risks'> {
  const snap = status.snapshot;
  if (!snap || status.source === 'none') {
    return { statuses: { source: 'none', asOf: null, projects: null }, initiatives: { rows: [], total: 0 }, risks: { rows: [], total: 0 } };
  }
  const projectOf = new Map(releases.map((r) => [r.id, r.projectId === null ? null : { id: r.projectId, name: r.projectName ?? r.projectId }]));
  const rated = (entries: StatusSnapshot['releases'], withProject: boolean): RatedItem[] => Object.entries(entries).flatMap(([id, e]) =>
    e.status === 'red' || e.status === 'amber' ? [{ id, name: e.name, project: withProject ? (projectOf.get(id) ?? null) : null, status: e.status, reason: e.reason }] : []);
  const projects = Object.values(snap.projects);
  const count = (s: string) => projects.filter((p) => p.status === s).length;
  return {
    statuses: { source: status.source, asOf: snap.asOf, projects: { red: count('red'), amber: count('amber'), green: count('green') } },
    initiatives: capped(ranked(rated(snap.projects, false)), MONTHLY_CAPS.initiatives),
    risks: capped(ranked(rated(snap.releases, true)), MONTHLY_CAPS.risks),
  };
}

const projectRef = (r: ReleaseRow) => (r.projectId === null ? null : { id: r.projectId, name: r.projectName ?? r.projectId });
const releaseRef = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });

/** Why a release slipped: its mined reasons, causes (lessons, dependencies) before the phases they delayed; else its state. */
function slipReasons(lessons: LessonsPage): (r: ReleaseRow) => string {
  const mined = new Map(lessons.mined.releases.map((m) => [m.release.id, m.reasons]));
  return (r) => {
    const reasons = [...(mined.get(r.id) ?? [])].sort((a, b) => Number(a.text.startsWith('phase ')) - Number(b.text.startsWith('phase ')));
    if (reasons.length === 0) return r.stateReason;
    const shown = reasons.slice(0, 2).map((x) => `${x.category}: ${x.text}`).join('; ');
    return reasons.length > 2 ? `${shown}; and ${reasons.length - 2} more` : shown;
  };
}

const IMPACT: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function monthlyPage(input: MonthlyInputs, month: string, state: MonthState, status: StatusSource, values = allScope(input.metrics)): MonthlyPage {
  const released = (r: ReleaseRow) => r.state === 'released' && r.actualRelease !== null;
  const shipped = input.releases
    .filter((r) => released(r) && monthOf(r.actualRelease!) === month)
    .sort((a, b) => byText(a.actualRelease!, b.actualRelease!) || byText(a.id, b.id))
    .map((r) => ({ release: releaseRef(r), project: projectRef(r), planned: r.plannedRelease, actual: r.actualRelease!, slipDays: r.slipDays }));
  const why = slipReasons(input.lessons);
  // Planned in the month and not shipped on or before the plan: shipped later, or still not shipped
  // (only once the planned day has passed: in the open month a release due later is not late yet).
  const slipped = input.releases
    .filter((r) => r.state !== 'cancelled' && r.plannedRelease !== null && monthOf(r.plannedRelease) === month)
    .filter((r) => (released(r) ? r.actualRelease! > r.plannedRelease! : r.plannedRelease! < input.asOf))
    .sort((a, b) => byText(a.plannedRelease!, b.plannedRelease!) || byText(a.id, b.id))
    .map((r) => ({ release: releaseRef(r), project: projectRef(r), planned: r.plannedRelease!, actual: released(r) ? r.actualRelease : null, why: why(r) }));
  const nextMonth = addMonths(month, 1);
  const planned = input.statuses
    .filter((r) => r.state !== 'cancelled' && r.plannedRelease !== null && monthOf(r.plannedRelease) === nextMonth)
    .sort((a, b) => byText(a.plannedRelease!, b.plannedRelease!) || byText(a.release.id, b.release.id))
    .map((r) => ({
      release: releaseRef(r.release), project: r.project ? { id: r.project.id, name: r.project.name } : null, planned: r.plannedRelease!,
      actual: r.actualRelease, forecastP85: r.forecastP85, onTimeProbability: r.onTimeProbability, status: r.status?.status ?? null,
    }));
  const impact = (v: string | null) => IMPACT[(v ?? '').toLowerCase()] ?? 4;
  const lessons = input.lessons.lessons
    .filter((l) => monthOf(l.date) === month)
    .sort((a, b) => impact(a.impact) - impact(b.impact) || byText(b.date, a.date) || byText(a.id, b.id))
    .map((l) => ({
      id: l.id, date: l.date, project: l.project ? { id: l.project.id, name: l.project.name } : null, category: l.category,
      title: l.title, impact: l.impact, action: l.action,
    }));
  return {
    month,
    state,
    kpis: monthlyKpis(values, month),
    ...statusLists(status, input.releases),
    shipped: capped(shipped, MONTHLY_CAPS.shipped),
    slipped: capped(slipped, MONTHLY_CAPS.slipped),
    nextMonth,
    planned: capped(planned, MONTHLY_CAPS.planned),
    lessons: capped(lessons, MONTHLY_CAPS.lessons),
  };
}
