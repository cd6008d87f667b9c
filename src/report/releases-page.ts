// The releases page, the release pages and the dependencies page, from the canonical tables.
import type { Db } from '../db/duckdb.ts';
import type { Row } from '../model/catalog.ts';
import { isReleased, perWeek, periodStats, shippedBy, sizesByMonth, slipDays, statsByMonth, type ReleaseFacts } from '../metrics/releases.ts';
import { criticalPath, cycles, downstreamOf, pathSlack, slackDays, type DependencyGraph, type Edge } from '../metrics/dependencies.ts';
import { quantileOf, round } from '../metrics/stats.ts';
import { groupBy } from '../metrics/group.ts';
import { releasesByMonth } from './overview.ts';
import { releaseLists, localDay } from './release-details.ts';
import { releaseState } from './release-state.ts';
import type { DependenciesPage, ReleaseLink, ReleaseRef, ReleaseRow, ReleasesPage, ScopeStats } from './model-releases.ts';

export interface ReleaseInputs {
  releases: Row<'release'>[];
  projects: Row<'project'>[];
  systems: Row<'system'>[];
  graph: DependencyGraph;
  /** Work items per release (epics excluded): total and done. */
  sizes: Map<string, { total: number; done: number }>;
  slugs: Map<string, string>;
}

export async function releaseSizes(db: Db): Promise<Map<string, { total: number; done: number }>> {
  const rows = await db.all<{ id: string; total: number; done: number }>(
    `SELECT rid AS id, count(*)::INTEGER AS total, (count(*) FILTER (WHERE status_category = 'done'))::INTEGER AS done
     FROM (SELECT unnest(release_ids) AS rid, status_category FROM work_item WHERE type IS DISTINCT FROM 'epic' AND release_ids IS NOT NULL)
     GROUP BY 1 ORDER BY 1`,
  );
  return new Map(rows.map((r) => [r.id, { total: r.total, done: r.done }]));
}

/** Work items per release, as the size metrics count them. */
export function totals(sizes: ReadonlyMap<string, { total: number }>): Map<string, number> {
  return new Map([...sizes].map(([id, s]) => [id, s.total]));
}

function scopeStats(groups: Map<string, ReleaseFacts[]>, name: (id: string) => string): ScopeStats[] {
  return [...groups].map(([id, rs]) => {
    const s = periodStats(rs);
    return { id, name: name(id), released: s.released, onTimeRate: round(s.onTimeRate), slipMedian: round(s.slipMedian, 2), slipP85: round(s.slipP85, 2) };
  });
}

export async function releasesPage(db: Db, input: ReleaseInputs, asOf: string, tz: string): Promise<ReleasesPage> {
  const { releases, graph, sizes } = input;
  const names = new Map(releases.map((r) => [r.id, r.name ?? r.id]));
  const ref = (id: string): ReleaseRef => ({ id, slug: input.slugs.get(id)!, name: names.get(id) ?? id });
  const projectName = new Map(input.projects.map((p) => [p.id, p.name ?? p.id]));
  const systemName = new Map(input.systems.map((s) => [s.id, s.name ?? s.id]));
  const rows: ReleaseRow[] = releases.map((r) => {
    const { state, reason } = releaseState(r, asOf);
    return {
      ...ref(r.id),
      projectId: r.project_id,
      projectName: r.project_id ? projectName.get(r.project_id) ?? r.project_id : null,
      systemIds: r.system_ids ?? [],
      type: r.type,
      status: r.status,
      state,
      stateReason: reason,
      plannedStart: r.planned_start,
      plannedRelease: r.planned_release,
      actualRelease: r.actual_release,
      slipDays: isReleased(r) && r.actual_release! <= asOf ? slipDays(r) : null,
      workItems: sizes.get(r.id)?.total ?? 0,
      doneWorkItems: sizes.get(r.id)?.done ?? 0,
      upstream: graph.upstream.get(r.id)?.length ?? 0,
      downstream: downstreamOf(graph, r.id).length,
      slackDays: slackDays(graph, r.id),
    };
  });
  const link = (other: string, e: Edge): ReleaseLink => ({ release: ref(other), gapDays: e.gap });
  const lists = await releaseLists(db, tz, asOf);
  const details = releases.map((r) => ({
    id: r.id,
    ...lists.get(r.id)!,
    upstream: (graph.upstream.get(r.id) ?? []).map((e) => link(e.from, e)),
    downstream: (graph.downstream.get(r.id) ?? []).map((e) => link(e.to, e)),
  }));

  const dates = releases.flatMap((r) => [r.planned_start, r.planned_release, r.actual_release]).filter((d): d is string => Boolean(d)).sort();
  const freezes = await db.all<{ name: string; start: string; end: string; scope: string[] | null }>(
    `SELECT name, strftime(${localDay('start', tz)}, '%Y-%m-%d') AS start, strftime(${localDay('"end"', tz)}, '%Y-%m-%d') AS "end",
            CASE WHEN scope IS NULL OR list_contains(list_transform(scope, x -> lower(x)), 'all') THEN NULL ELSE scope END AS scope
     FROM freeze_window ORDER BY start, name`,
  );
  const { shipped, months } = shippedBy(releases, asOf);
  return {
    rows,
    details,
    calendar: { from: dates[0] ?? asOf, to: dates[dates.length - 1] ?? asOf, freezes },
    predictability: {
      byMonth: releasesByMonth(releases, asOf),
      byProject: scopeStats(groupBy(shipped, (r) => [r.project_id]), (id) => projectName.get(id) ?? id),
      bySystem: scopeStats(groupBy(shipped, (r) => r.system_ids ?? []), (id) => systemName.get(id) ?? id),
      frequency: statsByMonth(shipped, months).map(({ month, stats }) => ({ month, perWeek: perWeek(stats.released, month) })),
      size: sizesByMonth(shipped, totals(sizes), months).map(({ month, values }) => ({
        month, median: round(quantileOf(values, 0.5), 2), p85: round(quantileOf(values, 0.85), 2), releases: values.length,
      })),
    },
  };
}

export function dependenciesPage(page: ReleasesPage, graph: DependencyGraph): DependenciesPage {
  const row = new Map(page.rows.map((r) => [r.id, r]));
  const ref = (id: string): ReleaseRef => ({ id, slug: row.get(id)!.slug, name: row.get(id)!.name });
  const inGraph = [...new Set(graph.edges.flatMap((e) => [e.from, e.to]))].sort();
  const planned = (id: string) => row.get(id)?.plannedRelease ?? null;
  return {
    nodes: inGraph.map((id) => {
      const r = row.get(id)!;
      return { ...ref(id), projectId: r.projectId, type: r.type, plannedRelease: r.plannedRelease, state: r.state, downstream: r.downstream, slackDays: r.slackDays };
    }),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, gapDays: e.gap })),
    cycles: cycles(graph).map((c) => c.map(ref)),
    criticalPaths: inGraph
      .filter((id) => row.get(id)!.type === 'major' && graph.upstream.has(id))
      .map((id) => ({ release: ref(id), path: criticalPath(graph, id, planned).map((e) => ({ release: ref(e.from), gapDays: e.gap })) })),
    impact: inGraph
      .filter((id) => graph.downstream.has(id))
      .map((id) => ({
        release: ref(id),
        slackDays: row.get(id)!.slackDays,
        downstream: [...pathSlack(graph, id)].map(([d, k]) => ({ release: ref(d), pathSlack: k })).sort((a, b) => a.pathSlack - b.pathSlack || (a.release.id < b.release.id ? -1 : 1)),
      })),
  };
}
