// The quality page: test demand against QA capacity, test progress per release, defect flow, escaped
// defects and density, from what the quality metrics computed.
import type { Db } from '../db/duckdb.ts';
import type { Row } from '../model/catalog.ts';
import type { Progress, TestLoad } from '../metrics/quality.ts';
import type { BugDays, defectFlow, defectsByScope, WorkItemGroup } from '../metrics/quality-defects.ts';
import { round } from '../metrics/stats.ts';
import { localDay } from './release-details.ts';
import type { QualityPage, TestProgress } from './model-environments.ts';
import type { ReleaseRow } from './model-releases.ts';

export interface QualityPageInputs {
  load: TestLoad;
  progress: readonly Progress[];
  scopes: ReturnType<typeof defectsByScope>;
  flow: ReturnType<typeof defectFlow>;
  releases: readonly ReleaseRow[];
  systems: readonly Row<'system'>[];
}

/** What the defect metrics read of the work items, counted in groups (the table can hold millions). */
export async function defectInputs(db: Db, tz: string): Promise<{ groups: WorkItemGroup[]; days: BugDays[] }> {
  const groups = await db.all<WorkItemGroup>(
    `SELECT type, status_category, found_in, release_ids, affects_release_ids, count(*)::INTEGER AS items
     FROM work_item WHERE type IS DISTINCT FROM 'epic' AND (release_ids IS NOT NULL OR affects_release_ids IS NOT NULL) GROUP BY ALL`,
  );
  const days = await db.all<BugDays>(
    `SELECT strftime(${localDay('created', tz)}, '%Y-%m-%d') AS created, strftime(${localDay('resolved', tz)}, '%Y-%m-%d') AS resolved, count(*)::INTEGER AS bugs
     FROM work_item WHERE type = 'bug' GROUP BY ALL`,
  );
  return { groups, days };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hours = (h: number) => round(h, 2)!;

export function qualityPage(input: QualityPageInputs): QualityPage {
  const { load } = input;
  const row = new Map(input.releases.map((r) => [r.id, r]));
  const ref = (r: ReleaseRow) => ({ id: r.id, slug: r.slug, name: r.name });
  const systemName = new Map(input.systems.map((s) => [s.id, s.name ?? s.id]));
  const progress: TestProgress[] = input.progress
    // Cycles of a release no export holds have no page to link to; their hours still count as demand.
    .filter((p) => row.has(p.releaseId))
    .map(({ releaseId, ...p }) => ({ release: ref(row.get(releaseId)!), state: row.get(releaseId)!.state, ...p }))
    .sort((a, b) => byText(a.plannedStart ?? '~', b.plannedStart ?? '~') || byText(a.release.id, b.release.id));
  return {
    weeks: load.weeks.map((w, i) => ({ ...w, demand: hours(load.demand[i]!), capacity: hours(load.capacity[i]!), overload: load.overload[i]! })),
    capacityByTeam: load.byTeam.map((t) => ({ team: t.team, hours: t.hours.map(hours) })),
    testProgress: progress,
    defects: input.flow,
    byRelease: [...input.scopes.byRelease].map(([id, c]) => ({ release: ref(row.get(id)!), systemIds: row.get(id)!.systemIds, ...c })),
    bySystem: [...input.scopes.bySystem].map(([id, c]) => ({ id, name: systemName.get(id) ?? id, ...c })),
  };
}
