// The portfolio side of the report model: consolidated status of every release, project, program and
// portfolio, the overview (status grid, timeline, what changed), a page per project and per
// portfolio/program, staffing and spend, the conflicts list and lessons learned.
import type { Row } from '../model/catalog.ts';
import type { DependencyGraph } from '../metrics/dependencies.ts';
import { dateChanges } from '../metrics/changes.ts';
import { conflictMetrics } from '../metrics/conflicts.ts';
import { statusMetrics, type Status } from '../metrics/status.ts';
import type { MetricRow } from '../metrics/types.ts';
import { slugs } from './slug.ts';
import { forecastFacts, statuses } from './portfolio-status.ts';
import { conflictsList } from './portfolio-conflicts.ts';
import { staffing } from './portfolio-staffing.ts';
import { lessonsPage } from './lessons-page.ts';
import { statusChanges, statusSnapshot, type StatusSnapshot } from './status-history.ts';
import { overviewParts } from './portfolio-overview.ts';
import type { PortfolioItems } from './portfolio-inputs.ts';
import type { ChangeRef, ChangeRow } from './model-changes.ts';
import type { EnvironmentsPage } from './model-environments.ts';
import type { ReleaseForecast } from './model-forecasts.ts';
import type { ReleasesPage } from './model-releases.ts';
import type {
  GroupLink, GroupPage, GroupStatusRow, PortfolioModel, ProjectLink, ProjectPage, ProjectStatusRow, ReleaseStatusRow, ScheduleConflict,
} from './model-portfolio.ts';

export interface PortfolioInputs {
  asOf: string;
  timeZone: string;
  /** The forecasts' throughput window (config forecast.windowDays). */
  windowDays: number;
  projects: readonly Row<'project'>[];
  releases: readonly Row<'release'>[];
  releasesPage: ReleasesPage;
  graph: DependencyGraph;
  forecasts: readonly ReleaseForecast[];
  items: PortfolioItems;
  /** Team → day → items done (the forecasts' history). */
  throughput: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** At least the unsuccessful changes and those whose planned window may meet a freeze (portfolio-inputs.ts). */
  changes: readonly Row<'change'>[];
  freezes: readonly Row<'freeze_window'>[];
  phases: readonly Row<'release_phase'>[];
  lessons: readonly Row<'lesson'>[];
  costs: readonly Row<'cost'>[];
  environments: EnvironmentsPage;
  /** The changes page's rows: the changes that have an anchor to link to. */
  changeRows: readonly ChangeRow[];
  /** The newest status snapshot of an earlier as-of date (status-history.ts); null when there is none. */
  previous: StatusSnapshot | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function portfolioModel(input: PortfolioInputs): { model: PortfolioModel; metrics: MetricRow[] } {
  const { asOf, timeZone } = input;
  const rows = input.releasesPage.rows;
  const projectRow = new Map(input.projects.map((p) => [p.id, p]));
  const projectIds = [...new Set([
    ...input.projects.map((p) => p.id), ...input.releases.flatMap((r) => (r.project_id ? [r.project_id] : [])),
    ...input.items.done.flatMap((g) => (g.project_id ? [g.project_id] : [])), ...input.lessons.flatMap((l) => (l.project_id ? [l.project_id] : [])),
    ...input.costs.map((c) => c.project_id),
  ])].sort(byText);
  const projectSlug = slugs(projectIds);
  const project = (id: string | null): ProjectLink | null => (id ? { id, slug: projectSlug.get(id) ?? id, name: projectRow.get(id)?.name ?? id } : null);
  const groupSlugs = {
    portfolio: slugs(input.projects.flatMap((p) => (p.portfolio ? [p.portfolio] : []))),
    program: slugs(input.projects.flatMap((p) => (p.program ? [p.program] : []))),
  };
  const group = (kind: GroupLink['kind'], id: string): GroupLink => ({ kind, id, slug: groupSlugs[kind].get(id)!, name: id });
  const changeRef = new Map(input.changeRows.map((c): [string, ChangeRef] => [c.number, { number: c.number, slug: c.slug }]));

  const dated = dateChanges(input.changes, input.freezes, timeZone);
  const forecastOf = new Map(input.forecasts.map((f) => [f.release.id, f]));
  const spend = staffing({
    asOf, projects: input.projects, done: input.items.done, throughput: input.throughput, costs: input.costs,
    project: (id) => project(id)!, group,
  });
  const projectFacts = projectIds.map((id) => ({
    id, name: project(id)!.name, portfolio: projectRow.get(id)?.portfolio ?? null, program: projectRow.get(id)?.program ?? null, plannedEnd: projectRow.get(id)?.planned_end ?? null,
  }));
  const { facts, statuses: st } = statuses({
    asOf, timeZone, releases: input.releases, rows, graph: input.graph,
    forecasts: new Map(input.forecasts.flatMap((f) => { const x = forecastFacts(f); return x ? [[f.release.id, x] as const] : []; })),
    open: input.items.open, changes: dated, freezes: input.freezes, conflicts: input.environments.conflicts, phases: input.phases,
  }, projectFacts, spend.costsByProject);

  const releaseRows: ReleaseStatusRow[] = rows.map((r) => ({
    release: { id: r.id, slug: r.slug, name: r.name }, project: project(r.projectId), state: r.state,
    plannedStart: r.plannedStart, plannedRelease: r.plannedRelease, actualRelease: r.actualRelease,
    forecastP85: forecastOf.get(r.id)?.p85 ?? null, onTimeProbability: forecastOf.get(r.id)?.onTimeProbability ?? null,
    status: st.releases.get(r.id) ?? null, stateReason: r.stateReason,
  }));
  const byPlan = (a: ReleaseStatusRow, b: ReleaseStatusRow) => byText(a.plannedRelease ?? '~', b.plannedRelease ?? '~') || byText(a.release.id, b.release.id);
  const releasesOf = (ids: ReadonlySet<string>) => releaseRows.filter((r) => r.project && ids.has(r.project.id));

  const conflicts = conflictsList({
    asOf, timeZone, windowDays: input.windowDays, rows, facts, open: input.items.open, days: [...input.throughput].flatMap(([team, days]) => [...days].map(([day, items]) => ({ team, day, items }))),
    environmentConflicts: input.environments.conflicts, changes: dated, project, change: (n) => changeRef.get(n) ?? null,
  });
  const lessons = lessonsPage({
    asOf, lessons: input.lessons, changes: input.changes, phases: input.phases, rows, facts, graph: input.graph,
    environmentConflicts: input.environments.conflicts, project, change: (n) => changeRef.get(n) ?? null,
  });

  const projectStatusRow = (id: string): ProjectStatusRow => {
    const p = projectRow.get(id);
    const own = releaseRows.filter((r) => r.project?.id === id);
    return {
      project: project(id)!, portfolio: p?.portfolio ? group('portfolio', p.portfolio) : null, program: p?.program ? group('program', p.program) : null,
      owner: p?.owner ?? null, status: st.projects.get(id)!, openReleases: own.filter((r) => r.status).length, releases: own.length,
    };
  };
  const projectRows = projectIds.map(projectStatusRow);
  const groupRow = (kind: GroupLink['kind'], id: string, status: Status): GroupStatusRow => {
    const of = projectRows.filter((p) => (kind === 'portfolio' ? p.portfolio : p.program)?.id === id);
    const n = (s: string) => of.filter((p) => p.status.status === s).length;
    return { group: group(kind, id), status, red: n('red'), amber: n('amber'), green: n('green') };
  };
  const portfolioRows = [...st.portfolios].map(([id, s]) => groupRow('portfolio', id, s));
  const programRows = [...st.programs].map(([id, s]) => groupRow('program', id, s));
  const affects = (c: ScheduleConflict, ids: ReadonlySet<string>) => c.projects.some((p) => ids.has(p.id));
  const risksOf = (r: ReleaseStatusRow) => (r.status?.signals ?? []).map((s) => ({ ...s, release: r.release }));
  const red = (s: { severity: string }) => (s.severity === 'red' ? 0 : 1);

  const projectPages: ProjectPage[] = projectRows.map((row) => {
    const id = row.project.id;
    const p = projectRow.get(id);
    const own = releasesOf(new Set([id])).sort(byPlan);
    const ownSignals = row.status.signals.filter((s) => s.rule === 'planned_end_passed' || s.rule === 'spend_overrun').map((s) => ({ ...s, release: null }));
    return {
      project: row.project, portfolio: row.portfolio, program: row.program, owner: row.owner,
      plannedStart: p?.planned_start ?? null, plannedEnd: p?.planned_end ?? null, budget: p?.budget ?? null, status: row.status,
      releases: own,
      effort: {
        done: spend.effort.byProject.get(id) ?? spend.effort.months.map(() => 0),
        byTeam: [...(spend.effort.byProjectTeam.get(id) ?? [])].sort(([a], [b]) => byText(a, b)).map(([team, done]) => ({ team, done })),
      },
      spend: spend.spend.project.get(id) ?? null,
      risks: [...own.flatMap(risksOf), ...ownSignals].sort((a, b) => red(a) - red(b)),
      conflicts: conflicts.conflicts.filter((c) => affects(c, new Set([id]))),
      lessons: lessons.page.lessons.filter((l) => l.project?.id === id),
    };
  });

  const groupPage = (row: GroupStatusRow): GroupPage => {
    const kind = row.group.kind;
    const members = projectRows.filter((p) => (kind === 'portfolio' ? p.portfolio : p.program)?.id === row.group.id);
    const ids = new Set(members.map((p) => p.project.id));
    const categories = new Map<string, number>();
    for (const l of lessons.page.lessons) if (l.project && ids.has(l.project.id)) categories.set(l.category, (categories.get(l.category) ?? 0) + 1);
    return {
      group: row.group, status: row.status,
      programs: kind === 'portfolio' ? programRows.filter((g) => members.some((p) => p.program?.id === g.group.id)) : [],
      projects: members,
      releases: releasesOf(ids).filter((r) => r.status).sort(byPlan),
      effort: (kind === 'portfolio' ? spend.model.byPortfolio : spend.model.byProgram).find((e) => e.id === row.group.id) ?? null,
      spend: spend.spend[kind].get(row.group.id) ?? null,
      risks: projectPages.filter((p) => ids.has(p.project.id)).flatMap((p) => p.risks.map((r) => ({ ...r, project: p.project }))).sort((a, b) => red(a) - red(b)),
      conflicts: conflicts.conflicts.filter((c) => affects(c, ids)),
      lessons: {
        byCategory: [...categories].map(([category, n]) => ({ category, lessons: n })).sort((a, b) => b.lessons - a.lessons || byText(a.category, b.category)),
        openActions: lessons.page.openActions.filter((l) => l.project && ids.has(l.project.id)).length,
      },
    };
  };

  const model: PortfolioModel = {
    overview: overviewParts({ asOf, projectRows, portfolioRows, programRows, releaseRows, all: st.all, freezes: input.releasesPage.calendar.freezes, changes: { previousAsOf: null, note: '', changes: [], moved: [] } }),
    releases: releaseRows,
    projects: projectPages,
    portfolios: portfolioRows.map(groupPage),
    programs: programRows.map(groupPage),
    staffing: spend.model,
    conflicts,
    lessons: lessons.page,
  };
  const snapshot = statusSnapshot(model, asOf);
  const releaseSlug = new Map(rows.map((r) => [r.id, r.slug]));
  model.overview.changes = statusChanges(input.previous, snapshot, (kind, id) => (kind === 'release' ? releaseSlug.get(id) ?? null : projectSlug.get(id) ?? null));

  const metrics = [
    ...statusMetrics([
      ...releaseRows.flatMap((r) => (r.status ? [{ kind: 'release' as const, id: r.release.id, status: r.status }] : [])),
      ...projectRows.map((p) => ({ kind: 'project' as const, id: p.project.id, status: p.status })),
      ...programRows.map((g) => ({ kind: 'program' as const, id: g.group.id, status: g.status })),
      ...portfolioRows.map((g) => ({ kind: 'portfolio' as const, id: g.group.id, status: g.status })),
      ...(projectRows.length ? [{ kind: 'all' as const, id: '*', status: st.all }] : []),
    ]),
    ...conflictMetrics(conflicts.conflicts, asOf),
    ...spend.metrics,
    ...lessons.metrics,
  ];
  return { model, metrics };
}
