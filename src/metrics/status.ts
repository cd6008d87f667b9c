// Consolidated status (docs/metrics.md#status-rule): one documented rule turns each open release's
// facts into green/amber/red with its reason in words; a project takes the worst of its open releases
// and its own signals, a program, a portfolio and the whole estate the worst of their projects.
// Pure: the facts (forecast, defects, blockers, changes, dependencies, conflicts, freezes, spend) are
// gathered elsewhere, so the rule is testable without the simulation or a database.
import type { MetricRow, ScopeKind } from './types.ts';
import { daysBetween } from './periods.ts';
import { listText } from './detail.ts';

export type Rag = 'green' | 'amber' | 'red';

/** What drove a status: one signal per rule of docs/metrics.md#status-rule that fired. */
export interface StatusSignal {
  severity: 'red' | 'amber';
  /**
   * The rule: `overdue`, `forecast_late`, `phase_delay`, `critical_defects`, `unsuccessful_change`, `planned_end_passed`,
   * `spend_overrun` (red or amber), `low_on_time_probability`, `no_throughput`, `blockers`, `dependency`,
   * `environment_conflict`, `failed_change`, `in_freeze`, `changes_in_freeze`; for a program, a portfolio
   * or the whole estate: `projects` (one per project that is not green).
   */
  rule: string;
  /** In words with its numbers, e.g. "P85 forecast 9 days past plan (2026-11-10, plan 2026-11-01)". */
  text: string;
}

export interface Status {
  status: Rag;
  /** "amber: P85 forecast 9 days past plan (…); 2 open blockers": the status, then the signals, most severe first. */
  reason: string;
  /** Most severe first (red, then amber, each in the rule's order); empty when green. */
  signals: StatusSignal[];
}

/** The thresholds of the rule (docs/metrics.md#status-rule). */
export const STATUS_RULE = {
  /** P85 forecast, or phases running, more than this many days past plan: red; 1 to this many: amber. */
  forecastRedDays: 14,
  /** On-time probability below this: amber. */
  onTimeAmber: 0.7,
  /** Open critical defects with the release due within this many days (or overdue): red; else amber. */
  criticalDueDays: 14,
  /** An unsuccessful change closed within this many days before the as-of date: red; earlier: amber. */
  failedChangeDays: 14,
  /** Project spend to date over plan by more than this share: amber … */
  spendAmber: 0.1,
  /** … and by more than this one: red. */
  spendRed: 0.25,
} as const;

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
/** A share as a percentage with at most one decimal (69.5 %, never rounded up to a threshold). */
const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/** Where a release stands (src/report/release-state.ts); only open ones are rated. */
export type ReleaseStateName = 'released' | 'cancelled' | 'overdue' | 'in_progress' | 'planned';
export const isOpenState = (s: ReleaseStateName): boolean => s !== 'released' && s !== 'cancelled';

export interface ForecastFacts {
  /** P85 completion date; null when unknown or beyond the horizon. */
  p85: string | null;
  onTimeProbability: number | null;
  /** The horizon, when the P85 lies beyond it (more than 15 % of trials never finish). */
  beyondHorizon: string | null;
  /** Items open while its teams finished nothing in the forecast window: no date can be forecast. */
  stalledItems: number | null;
}

export interface ReleaseStatusFacts {
  state: ReleaseStateName;
  plannedRelease: string | null;
  /** The Monte Carlo forecast (docs/metrics.md#forecasts); null when the release has none. */
  forecast: ForecastFacts | null;
  /** How far its phases run behind plan (status-facts.ts phaseDelay); null when none is late or it has no phases. */
  phaseDelay: { days: number; text: string } | null;
  /** Open bugs of the highest priority (isCriticalDefect). */
  criticalDefects: number;
  /** Open items flagged blocked or of blocker priority, critical defects excluded (isBlocker). */
  blockers: number;
  /** Unsuccessful changes of the release, with the calendar day they closed (on or before the as-of date). */
  unsuccessfulChanges: ReadonlyArray<{ number: string; closedOn: string }>;
  /** Open upstream releases expected (plan, or a later P85 forecast) after this release starts (see lateUpstream). */
  lateUpstream: ReadonlyArray<LateUpstream>;
  /** Environment conflicts on its bookings that are not over (last day on or after the as-of date). */
  environmentConflicts: ReadonlyArray<{ environment: string; first: string; last: string }>;
  /** Freeze windows covering one of its systems on its planned release day. */
  freezes: readonly string[];
  /** Its changes, neither closed nor cancelled nor emergencies, planned inside a freeze covering their system. */
  changesInFreeze: readonly string[];
}

/** An open upstream release expected after the dependent release starts (status-facts.ts lateUpstream). */
export interface LateUpstream {
  name: string;
  plan: string | null;
  /** The latest of its plan, its P85 forecast and the day after the as-of date; `basis` says which. */
  expected: string;
  basis: 'plan' | 'forecast' | 'open';
  /** Start of the dependent release (planned start, else planned release). */
  start: string;
  /** expected − start, > 0. */
  days: number;
}

function upstreamText(u: LateUpstream, asOf: string): string {
  const after = `${plural(u.days, 'day')} after this release starts (${u.start})`;
  if (u.basis === 'plan') return `upstream ${u.name} planned ${u.expected}, ${after}`;
  if (u.basis === 'forecast') return `upstream ${u.name} forecast (P85) ${u.expected}, ${after}`;
  return `upstream ${u.name} not released by ${asOf} (planned ${u.plan ?? 'without a date'}), and this release starts ${u.start}`;
}

const bySeverity = (a: StatusSignal, b: StatusSignal) => (a.severity === b.severity ? 0 : a.severity === 'red' ? -1 : 1);

/**
 * The status of a list of signals (stably sorted, red first) with its reason; `green` says why when
 * nothing fired. The reason names the first `cap` signals and how many more there are.
 */
export function statusOf(signals: StatusSignal[], green: string, cap = 20): Status {
  const sorted = [...signals].sort(bySeverity);
  const status: Rag = sorted.length === 0 ? 'green' : sorted[0]!.severity;
  return { status, reason: `${status}: ${sorted.length ? listText(sorted.map((s) => s.text), '; ', cap) : green}`, signals: sorted };
}

function forecastSignals(f: ReleaseStatusFacts, out: StatusSignal[]): void {
  if (!f.forecast) return;
  const plan = f.plannedRelease;
  const { p85, onTimeProbability: p, beyondHorizon, stalledItems } = f.forecast;
  if (plan && beyondHorizon) {
    out.push({
      severity: 'red', rule: 'forecast_late',
      text: `P85 forecast beyond ${beyondHorizon}, more than ${plural(daysBetween(plan, beyondHorizon), 'day')} past plan (plan ${plan})`,
    });
  } else if (plan && p85) {
    const late = daysBetween(plan, p85);
    if (late > 0) {
      out.push({
        severity: late > STATUS_RULE.forecastRedDays ? 'red' : 'amber', rule: 'forecast_late',
        text: `P85 forecast ${plural(late, 'day')} past plan (${p85}, plan ${plan})`,
      });
    }
  }
  if (p !== null && p < STATUS_RULE.onTimeAmber) {
    out.push({ severity: 'amber', rule: 'low_on_time_probability', text: `on-time probability ${pct(p)} (below ${pct(STATUS_RULE.onTimeAmber)})` });
  }
  if (stalledItems !== null) {
    out.push({ severity: 'amber', rule: 'no_throughput', text: `no forecast: ${plural(stalledItems, 'open item')}, and its teams finished nothing in the forecast window` });
  }
}

/** The status of a release; null when it is not rated (released or cancelled). */
export function releaseStatus(f: ReleaseStatusFacts, asOf: string): Status | null {
  if (!isOpenState(f.state)) return null;
  const out: StatusSignal[] = [];
  const plan = f.plannedRelease;
  if (f.state === 'overdue' && plan) {
    out.push({ severity: 'red', rule: 'overdue', text: `overdue: planned for ${plan}, ${plural(daysBetween(plan, asOf), 'day')} ago, not released` });
  }
  forecastSignals(f, out);
  if (f.phaseDelay) {
    const d = f.phaseDelay;
    out.push({ severity: d.days > STATUS_RULE.forecastRedDays ? 'red' : 'amber', rule: 'phase_delay', text: `phases ${plural(d.days, 'day')} behind plan (${d.text})` });
  }
  if (f.criticalDefects > 0) {
    const due = plan ? daysBetween(asOf, plan) : null;
    const defects = plural(f.criticalDefects, 'open critical defect');
    if (due !== null && due <= STATUS_RULE.criticalDueDays) {
      out.push({ severity: 'red', rule: 'critical_defects', text: `${defects} with the release ${due < 0 ? 'overdue' : `due in ${plural(due, 'day')}`}` });
    } else {
      out.push({ severity: 'amber', rule: 'critical_defects', text: defects });
    }
  }
  const changes = [...f.unsuccessfulChanges].sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : a.number < b.number ? -1 : 1));
  const recent = changes.filter((c) => daysBetween(c.closedOn, asOf) <= STATUS_RULE.failedChangeDays);
  const earlier = changes.filter((c) => daysBetween(c.closedOn, asOf) > STATUS_RULE.failedChangeDays);
  const changeList = (cs: typeof changes) => listText(cs.map((c) => `${c.number} closed ${c.closedOn}`), ', ', 5);
  if (recent.length) {
    out.push({
      severity: 'red', rule: 'unsuccessful_change',
      text: `${plural(recent.length, 'unsuccessful change')} in the last ${STATUS_RULE.failedChangeDays} days (${changeList(recent)})`,
    });
  }
  if (f.blockers > 0) out.push({ severity: 'amber', rule: 'blockers', text: plural(f.blockers, 'open blocker') });
  for (const u of f.lateUpstream) out.push({ severity: 'amber', rule: 'dependency', text: upstreamText(u, asOf) });
  if (f.environmentConflicts.length) {
    const runs = f.environmentConflicts.map((c) => `${c.environment} ${c.first === c.last ? c.first : `${c.first}–${c.last}`}`);
    out.push({ severity: 'amber', rule: 'environment_conflict', text: `${plural(runs.length, 'environment conflict')} on its bookings (${listText(runs, ', ', 5)})` });
  }
  if (earlier.length) {
    out.push({ severity: 'amber', rule: 'failed_change', text: `${plural(earlier.length, 'unsuccessful change')} earlier (${changeList(earlier)})` });
  }
  if (f.freezes.length && plan) {
    out.push({ severity: 'amber', rule: 'in_freeze', text: `planned release day ${plan} inside freeze ${f.freezes.join(', ')}` });
  }
  if (f.changesInFreeze.length) {
    out.push({
      severity: 'amber', rule: 'changes_in_freeze',
      text: `${plural(f.changesInFreeze.length, 'change')} planned inside a freeze (${listText([...f.changesInFreeze].sort(), ', ', 5)})`,
    });
  }
  let green = plan ? `on track for ${plan}` : 'no planned date, nothing flags it';
  if (f.forecast?.p85 && plan) green = `P85 forecast ${f.forecast.p85}, on or before plan (${plan})`;
  return statusOf(out, green);
}

export interface ProjectStatusFacts {
  /** Its open releases, each with its status. */
  releases: ReadonlyArray<{ name: string; status: Status }>;
  plannedEnd: string | null;
  /** Planned and actual spend over the months up to the as-of month that have an actual amount; null without costs. */
  spendToDate: { planned: number; actual: number } | null;
}

/** A project: the worst of its open releases (their signals, named) and its own signals. */
export function projectStatus(f: ProjectStatusFacts, asOf: string): Status {
  const out: StatusSignal[] = [];
  for (const r of f.releases) for (const s of r.status.signals) out.push({ ...s, text: `${r.name}: ${s.text}` });
  if (f.plannedEnd && f.plannedEnd < asOf && f.releases.length) {
    out.push({ severity: 'red', rule: 'planned_end_passed', text: `planned end ${f.plannedEnd} passed with ${plural(f.releases.length, 'open release')}` });
  }
  const s = f.spendToDate;
  if (s && s.planned > 0) {
    const over = (s.actual - s.planned) / s.planned;
    if (over > STATUS_RULE.spendAmber) {
      out.push({
        severity: over > STATUS_RULE.spendRed ? 'red' : 'amber', rule: 'spend_overrun',
        text: `spend ${pct(over)} over plan to date (${s.actual} against ${s.planned})`,
      });
    }
  }
  const green = f.releases.length ? `${plural(f.releases.length, 'open release')} green` : 'no open releases, nothing flags it';
  return statusOf(out, green);
}

/** Projects a group's reason names (its page lists them all). */
const GROUP_REASON_CAP = 10;

/** A program, portfolio or the whole estate: the worst of its projects, each non-green one named with its first signal. */
export function groupStatus(projects: ReadonlyArray<{ name: string; status: Status }>): Status {
  const order: Rag[] = ['red', 'amber'];
  const flagged = projects
    .filter((p) => p.status.status !== 'green')
    .sort((a, b) => order.indexOf(a.status.status) - order.indexOf(b.status.status) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const signals = flagged.map((p): StatusSignal => ({
    severity: p.status.status as 'red' | 'amber', rule: 'projects', text: `${p.name} ${p.status.status} (${p.status.signals[0]!.text})`,
  }));
  return statusOf(signals, projects.length ? `${plural(projects.length, 'project')} green` : 'no projects', GROUP_REASON_CAP);
}

/** portfolio.status rows: one per rated scope, period `all`, `detail` the reason. */
export function statusMetrics(scopes: ReadonlyArray<{ kind: ScopeKind; id: string; status: Status }>): MetricRow[] {
  return scopes.map(({ kind, id, status }) => ({
    metric: 'portfolio.status', scope_kind: kind, scope_id: id, period: 'all', value: status.status, unit: 'status', detail: status.reason,
  }));
}
