// Consolidated status of every release, project, program, portfolio and the whole estate: gathers each
// open release's facts from the other pages' data and applies the rule of src/metrics/status.ts.
import type { Row } from '../model/catalog.ts';
import type { DependencyGraph } from '../metrics/dependencies.ts';
import type { DatedChange } from '../metrics/changes.ts';
import { freezesOn, itemSignals, lateUpstream, phaseDelay, windowLastDay, type OpenItemGroup } from '../metrics/status-facts.ts';
import { localDay } from '../metrics/calendar.ts';
import { groupStatus, isOpenState, projectStatus, releaseStatus, type ForecastFacts, type ReleaseStatusFacts, type Status } from '../metrics/status.ts';
import { spendOf, toDate, type CostFacts } from '../metrics/staffing.ts';
import type { Conflict } from './model-environments.ts';
import type { ReleaseRow } from './model-releases.ts';
import type { ReleaseForecast } from './model-forecasts.ts';

export interface StatusInputs {
  asOf: string;
  timeZone: string;
  releases: readonly Row<'release'>[];
  /** The releases page's rows: states and refs. */
  rows: readonly ReleaseRow[];
  graph: DependencyGraph;
  forecasts: ReadonlyMap<string, ForecastFacts>;
  open: readonly OpenItemGroup[];
  changes: ReadonlyArray<DatedChange<Row<'change'>>>;
  freezes: readonly Row<'freeze_window'>[];
  /** The environments page's conflicts. */
  conflicts: readonly Conflict[];
  phases: readonly Row<'release_phase'>[];
}

/** What the status rule reads of a forecast: none without work items; no date when nothing was finished. */
export function forecastFacts(f: ReleaseForecast): ForecastFacts | null {
  if (f.outcome === 'no_items') return null;
  if (f.outcome === 'no_throughput') return { p85: null, onTimeProbability: null, beyondHorizon: null, stalledItems: f.remaining };
  return { p85: f.p85, onTimeProbability: f.onTimeProbability, beyondHorizon: f.p85 === null ? f.horizon : null, stalledItems: null };
}

/** A change counts against its release's status while it is planned inside a freeze that is not over. */
const currentInFreeze = (x: DatedChange<Row<'change'>>, asOf: string, timeZone: string): boolean =>
  x.inFreeze && (windowLastDay(x.c, timeZone) ?? '') >= asOf;

export function releaseFacts(input: StatusInputs): Map<string, ReleaseStatusFacts> {
  const { asOf, timeZone } = input;
  const row = new Map(input.rows.map((r) => [r.id, r]));
  const items = itemSignals(input.open);
  const p85 = new Map([...input.forecasts].map(([id, f]) => [id, f.p85]));
  const planned = new Map(input.releases.map((r) => [r.id, { ...r, name: row.get(r.id)!.name, open: isOpenState(row.get(r.id)!.state) }]));
  const unsuccessful = new Map<string, Array<{ number: string; closedOn: string }>>();
  const inFreeze = new Map<string, string[]>();
  for (const x of input.changes) {
    const id = x.c.release_id;
    if (!id) continue;
    if (x.c.close_code === 'unsuccessful' && x.c.closed_at) {
      const closedOn = localDay(x.c.closed_at, timeZone);
      if (closedOn <= asOf) (unsuccessful.get(id) ?? unsuccessful.set(id, []).get(id)!).push({ number: x.c.number, closedOn });
    }
    if (currentInFreeze(x, asOf, timeZone)) (inFreeze.get(id) ?? inFreeze.set(id, []).get(id)!).push(x.c.number);
  }
  const envConflicts = new Map<string, Array<{ environment: string; first: string; last: string }>>();
  for (const c of input.conflicts) {
    if (c.last < asOf) continue;
    for (const r of c.releases) (envConflicts.get(r.id) ?? envConflicts.set(r.id, []).get(r.id)!).push({ environment: c.environment.name, first: c.first, last: c.last });
  }
  const phases = new Map<string, Array<Row<'release_phase'>>>();
  for (const p of input.phases) (phases.get(p.release_id) ?? phases.set(p.release_id, []).get(p.release_id)!).push(p);
  return new Map(input.releases.map((r): [string, ReleaseStatusFacts] => {
    const state = row.get(r.id)!.state;
    return [r.id, {
      state,
      plannedRelease: r.planned_release,
      forecast: input.forecasts.get(r.id) ?? null,
      phaseDelay: isOpenState(state) ? phaseDelay(phases.get(r.id) ?? [], asOf) : null,
      criticalDefects: items.get(r.id)?.criticalDefects ?? 0,
      blockers: items.get(r.id)?.blockers ?? 0,
      unsuccessfulChanges: unsuccessful.get(r.id) ?? [],
      lateUpstream: isOpenState(state) ? lateUpstream(input.graph, r.id, planned, p85, asOf) : [],
      environmentConflicts: envConflicts.get(r.id) ?? [],
      freezes: r.planned_release ? freezesOn(r.planned_release, r.system_ids ?? [], input.freezes, timeZone) : [],
      changesInFreeze: inFreeze.get(r.id) ?? [],
    }];
  }));
}

export interface Statuses {
  releases: Map<string, Status | null>;
  projects: Map<string, Status>;
  portfolios: Map<string, Status>;
  programs: Map<string, Status>;
  all: Status;
}

export interface ProjectFacts {
  id: string;
  name: string;
  portfolio: string | null;
  program: string | null;
  plannedEnd: string | null;
}

export function statuses(
  input: StatusInputs,
  projects: readonly ProjectFacts[],
  costs: ReadonlyMap<string, CostFacts[]>,
): { facts: Map<string, ReleaseStatusFacts>; statuses: Statuses } {
  const facts = releaseFacts(input);
  const releases = new Map([...facts].map(([id, f]) => [id, releaseStatus(f, input.asOf)]));
  const names = new Map(input.rows.map((r) => [r.id, r.name]));
  const projectStatuses = new Map(projects.map((p) => {
    const open = input.releases
      .filter((r) => r.project_id === p.id && releases.get(r.id))
      .sort((a, b) => ((a.planned_release ?? '~') < (b.planned_release ?? '~') ? -1 : (a.planned_release ?? '~') > (b.planned_release ?? '~') ? 1 : a.id < b.id ? -1 : 1))
      .map((r) => ({ name: names.get(r.id)!, status: releases.get(r.id)! }));
    const rows = costs.get(p.id);
    const spend = rows ? spendOf(toDate(rows, input.asOf)) : null;
    return [p.id, projectStatus({ releases: open, plannedEnd: p.plannedEnd, spendToDate: spend && spend.months ? spend : null }, input.asOf)];
  }));
  const rollUp = (key: (p: ProjectFacts) => string | null) => {
    const by = new Map<string, Array<{ name: string; status: Status }>>();
    for (const p of projects) {
      const k = key(p);
      if (k !== null) (by.get(k) ?? by.set(k, []).get(k)!).push({ name: p.name, status: projectStatuses.get(p.id)! });
    }
    return new Map([...by].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, ps]) => [k, groupStatus(ps)]));
  };
  return {
    facts,
    statuses: {
      releases,
      projects: projectStatuses,
      portfolios: rollUp((p) => p.portfolio),
      programs: rollUp((p) => p.program),
      all: groupStatus(projects.map((p) => ({ name: p.name, status: projectStatuses.get(p.id)! }))),
    },
  };
}
