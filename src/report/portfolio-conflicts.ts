// The one list of scheduling and resource conflicts (docs/metrics.md#scheduling-conflicts), each with
// the releases, projects and teams it affects: over-committed teams, environment double bookings (the
// environments page's conflicts), releases planned inside a freeze and changes planned inside a freeze.
import type { Row } from '../model/catalog.ts';
import type { DatedChange } from '../metrics/changes.ts';
import type { ReleaseStatusFacts } from '../metrics/status.ts';
import { CONFLICT_KINDS, overcommitmentText, overcommitments, span, type TeamDoneDay, type TeamOpenGroup } from '../metrics/conflicts.ts';
import { windowLastDay } from '../metrics/status-facts.ts';
import { localDay } from '../metrics/calendar.ts';
import { listText } from '../metrics/detail.ts';
import { isOpenState, plural } from '../metrics/status.ts';
import type { Conflict, EnvironmentRef } from './model-environments.ts';
import type { ChangeRef } from './model-changes.ts';
import type { ConflictsList, ProjectLink, ScheduleConflict } from './model-portfolio.ts';
import type { ReleaseRef, ReleaseRow } from './model-releases.ts';

export interface ConflictInputs {
  asOf: string;
  timeZone: string;
  windowDays: number;
  rows: readonly ReleaseRow[];
  facts: ReadonlyMap<string, ReleaseStatusFacts>;
  open: readonly TeamOpenGroup[];
  days: readonly TeamDoneDay[];
  environmentConflicts: readonly Conflict[];
  changes: ReadonlyArray<DatedChange<Row<'change'>>>;
  project: (id: string | null) => ProjectLink | null;
  change: (number: string) => ChangeRef | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqueBy = <T>(items: readonly T[], key: (t: T) => string): T[] => [...new Map(items.map((t) => [key(t), t])).values()].sort((a, b) => byText(key(a), key(b)));

export function conflictsList(input: ConflictInputs): ConflictsList {
  const { asOf } = input;
  const row = new Map(input.rows.map((r) => [r.id, r]));
  const ref = (id: string): ReleaseRef => ({ id, slug: row.get(id)!.slug, name: row.get(id)!.name });
  const projectsOf = (ids: readonly string[]) => uniqueBy(ids.flatMap((id) => { const p = input.project(row.get(id)?.projectId ?? null); return p ? [p] : []; }), (p) => p.id);
  const teamsOf = new Map<string, Set<string>>();
  for (const g of input.open) for (const id of g.release_ids) (teamsOf.get(id) ?? teamsOf.set(id, new Set()).get(id)!).add(g.team);
  const teams = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => [...(teamsOf.get(id) ?? [])]))].sort(byText);
  const base = (releaseIds: string[]) => ({ releases: releaseIds.map(ref), projects: projectsOf(releaseIds), teams: teams(releaseIds) });
  // Each with whether it can still be acted on (current or upcoming): the list keeps those.
  const all: Array<{ c: ScheduleConflict; current: boolean }> = [];
  const push = (c: ScheduleConflict, current: boolean) => all.push({ c, current });

  const openReleases = input.rows.filter((r) => isOpenState(r.state));
  const openIds = new Set(openReleases.map((r) => r.id));
  const openItems = input.open.map((g) => ({ ...g, release_ids: g.release_ids.filter((id) => openIds.has(id)) }));
  for (const o of overcommitments(openItems, input.days, openReleases.map((r) => ({ id: r.id, plannedRelease: r.plannedRelease })), asOf, input.windowDays)) {
    push({
      kind: 'team_overcommitted', summary: overcommitmentText(o), first: asOf, last: o.due,
      ...base(o.releaseIds), teams: [o.team], environment: null, freeze: null, changes: [],
    }, true);
  }

  for (const c of input.environmentConflicts) {
    const ids = c.releases.map((r) => r.id);
    const env: EnvironmentRef = c.environment;
    push({
      kind: 'environment_double_booking',
      summary: `${env.name}: ${c.peak} approved bookings for a capacity of ${c.capacity} on ${span(c.first, c.last)} (${c.bookings.map((b) => b.id).join(', ')})`,
      first: c.first, last: c.last, ...base(ids),
      projects: uniqueBy([...projectsOf(ids), ...c.projects.flatMap((p) => { const l = input.project(p.id); return l ? [l] : []; })], (p) => p.id),
      environment: env, freeze: null, changes: [],
    }, c.last >= asOf);
  }

  for (const r of openReleases) {
    for (const freeze of input.facts.get(r.id)?.freezes ?? []) {
      push({
        kind: 'release_in_freeze', summary: `${r.name} planned for ${r.plannedRelease}, inside freeze ${freeze}`,
        first: r.plannedRelease!, last: r.plannedRelease!, ...base([r.id]), environment: null, freeze, changes: [],
      }, r.plannedRelease! >= asOf);
    }
  }

  const inFreeze = input.changes.filter((x) => x.inFreeze).map((x) => ({
    x, first: localDay(x.c.planned_start!, input.timeZone), last: windowLastDay(x.c, input.timeZone)!,
  }));
  for (const name of [...new Set(inFreeze.flatMap(({ x }) => x.freezes))].sort(byText)) {
    const hit = inFreeze.filter(({ x }) => x.freezes.includes(name));
    for (const current of [true, false]) {
      const of = hit.filter((h) => (h.last >= asOf) === current).sort((a, b) => byText(a.x.c.number, b.x.c.number));
      if (!of.length) continue;
      const ids = [...new Set(of.flatMap(({ x }) => (x.c.release_id && row.has(x.c.release_id) ? [x.c.release_id] : [])))].sort(byText);
      push({
        kind: 'change_in_freeze',
        summary: `${plural(of.length, 'change')} planned inside freeze ${name} (${listText(of.map(({ x }) => x.c.number), ', ', 10)})`,
        first: of.map((h) => h.first).sort()[0]!, last: of.map((h) => h.last).sort().pop()!, ...base(ids),
        teams: [...new Set(of.flatMap(({ x }) => (x.c.assignment_group ? [x.c.assignment_group] : [])))].sort(byText),
        environment: null, freeze: name, changes: of.map(({ x }) => ({ number: x.c.number, change: input.change(x.c.number) })),
      }, current);
    }
  }

  const order = (k: ScheduleConflict['kind']) => CONFLICT_KINDS.indexOf(k);
  return {
    conflicts: all.filter((e) => e.current).map((e) => e.c)
      .sort((a, b) => byText(a.first, b.first) || order(a.kind) - order(b.kind) || byText(a.summary, b.summary)),
    past: CONFLICT_KINDS.map((kind) => ({ kind, count: all.filter((e) => !e.current && e.c.kind === kind).length })),
    basis: `A team is over-committed when its open items due by a release's planned date exceed its median weekly pace (items done per seven days over the ${input.windowDays}-day forecast window) × the weeks left.`,
  };
}
