// The portfolio overview: counts, releases per month, and one line per project.
import type { Db } from '../db/duckdb.ts';
import type { Row } from '../model/catalog.ts';
import { isReleased, shippedBy, statsByMonth, type ReleaseFacts } from '../metrics/releases.ts';
import { round } from '../metrics/stats.ts';
import type { MonthReleases, ProjectSummary, ReportModel } from './model.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function releasesByMonth(releases: readonly ReleaseFacts[], asOf: string): MonthReleases[] {
  const { shipped, months } = shippedBy(releases, asOf);
  return statsByMonth(shipped, months).map(({ month, stats }) => ({
    month,
    released: stats.released,
    onTime: stats.onTime,
    late: stats.planned - stats.onTime,
    onTimeRate: round(stats.onTimeRate),
    slipMedian: round(stats.slipMedian, 2),
    slipP85: round(stats.slipP85, 2),
  }));
}

interface WorkCounts {
  project_id: string;
  total: number;
  open: number;
}

export function projectSummaries(
  projects: readonly Row<'project'>[],
  releases: readonly Row<'release'>[],
  work: readonly WorkCounts[],
  asOf: string,
): ProjectSummary[] {
  const ids = new Set([...projects.map((p) => p.id), ...releases.flatMap((r) => (r.project_id ? [r.project_id] : [])), ...work.map((w) => w.project_id)]);
  const byId = new Map(projects.map((p) => [p.id, p]));
  const workBy = new Map(work.map((w) => [w.project_id, w]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  return [...ids].sort((a, b) => byText(name(a), name(b)) || byText(a, b)).map((id) => {
    const p = byId.get(id);
    const own = releases.filter((r) => r.project_id === id);
    const shipped = own.filter((r) => isReleased(r) && r.actual_release! <= asOf);
    const planned = shipped.filter((r) => r.planned_release);
    const onTime = planned.filter((r) => r.actual_release! <= r.planned_release!).length;
    const upcoming = own
      .filter((r) => !isReleased(r) && r.status !== 'cancelled' && r.planned_release && r.planned_release >= asOf)
      .sort((a, b) => byText(a.planned_release!, b.planned_release!) || byText(a.id, b.id))[0];
    return {
      id,
      name: p?.name ?? id,
      portfolio: p?.portfolio ?? null,
      program: p?.program ?? null,
      owner: p?.owner ?? null,
      releases: own.length,
      released: shipped.length,
      onTimeRate: planned.length ? round(onTime / planned.length) : null,
      nextRelease: upcoming ? { id: upcoming.id, name: upcoming.name ?? upcoming.id, planned: upcoming.planned_release } : null,
      workItems: workBy.get(id)?.total ?? 0,
      openWorkItems: workBy.get(id)?.open ?? 0,
    };
  });
}

export async function workCounts(db: Db): Promise<WorkCounts[]> {
  return db.all<WorkCounts>(
    `SELECT project_id, count(*)::INTEGER AS total, (count(*) FILTER (WHERE status_category IS DISTINCT FROM 'done'))::INTEGER AS open
     FROM work_item WHERE project_id IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
}

export async function overviewCounts(db: Db, projects: readonly Row<'project'>[], releases: readonly ReleaseFacts[], asOf: string): Promise<ReportModel['overview']['counts']> {
  const [c] = await db.all<Record<string, number>>(
    `SELECT (SELECT count(*) FROM system)::INTEGER AS systems, (SELECT count(*) FROM work_item)::INTEGER AS work_items,
            (SELECT count(*) FROM change)::INTEGER AS changes, (SELECT count(*) FROM incident)::INTEGER AS incidents,
            (SELECT count(*) FROM deployment)::INTEGER AS deployments, (SELECT count(*) FROM environment)::INTEGER AS environments,
            (SELECT count(DISTINCT portfolio) FROM (SELECT portfolio FROM project UNION ALL SELECT portfolio FROM system))::INTEGER AS portfolios`,
  );
  const shipped = releases.filter((r) => isReleased(r) && r.actual_release! <= asOf).length;
  return [
    { label: 'Portfolios', value: c?.portfolios ?? 0 },
    { label: 'Projects', value: projects.length },
    { label: 'Systems', value: c?.systems ?? 0 },
    { label: 'Releases', value: releases.length },
    { label: 'Released', value: shipped },
    { label: 'Work items', value: c?.work_items ?? 0 },
    { label: 'Changes', value: c?.changes ?? 0 },
    { label: 'Incidents', value: c?.incidents ?? 0 },
    { label: 'Deployments', value: c?.deployments ?? 0 },
    { label: 'Environments', value: c?.environments ?? 0 },
  ];
}
