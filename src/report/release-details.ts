// What each release page lists: phases, scope burn-up, changes, deployments, bookings, test cycles.
// One query per kind for all releases (never one per release), grouped by release id here.
import type { Db } from '../db/duckdb.ts';
import { lit } from '../db/duckdb.ts';
import type { ReleaseDetail } from './model-releases.ts';

type Lists = Omit<ReleaseDetail, 'id' | 'upstream' | 'downstream'>;

function groupRows<T extends { release_id: string }>(rows: T[]): Map<string, Array<Omit<T, 'release_id'>>> {
  const out = new Map<string, Array<Omit<T, 'release_id'>>>();
  for (const { release_id, ...rest } of rows) {
    const list = out.get(release_id);
    if (list) list.push(rest);
    else out.set(release_id, [rest]);
  }
  return out;
}

const day = (col: string) => `strftime(${col}, '%Y-%m-%d')`;
const instant = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%SZ')`;

/** The calendar day of a stored UTC instant, in the report's time zone. */
export const localDay = (col: string, tz: string) => `CAST(timezone(${lit(tz)}, (${col})::TIMESTAMPTZ) AS DATE)`;

/**
 * Weekly scope burn-up per release: work items (epics excluded) in scope by their creation, done by
 * their resolution, cumulated per ISO week from the first creation to the as-of date (or the week after
 * the release shipped, when that is earlier).
 */
async function burnups(db: Db, tz: string, asOf: string): Promise<Map<string, ReleaseDetail['burnup']>> {
  const rows = await db.all<{ release_id: string; week: string; created: number; resolved: number }>(
    `WITH items AS (
       SELECT unnest(release_ids) AS release_id, ${localDay('created', tz)} AS c, ${localDay('resolved', tz)} AS r
       FROM work_item WHERE type IS DISTINCT FROM 'epic' AND release_ids IS NOT NULL),
     events AS (
       SELECT release_id, date_trunc('week', c) AS w, 1 AS created, 0 AS resolved FROM items WHERE c <= ${lit(asOf)}::DATE
       UNION ALL SELECT release_id, date_trunc('week', r), 0, 1 FROM items WHERE r <= ${lit(asOf)}::DATE)
     SELECT release_id, ${day('w')} AS week, sum(created)::INTEGER AS created, sum(resolved)::INTEGER AS resolved
     FROM events GROUP BY ALL ORDER BY release_id, week`,
  );
  const ends = new Map(
    (await db.all<{ id: string; until: string }>(
      `SELECT id, ${day(`date_trunc('week', least(actual_release + 7, ${lit(asOf)}::DATE))`)} AS until FROM release`,
    )).map((r) => [r.id, r.until]),
  );
  const out = new Map<string, ReleaseDetail['burnup']>();
  for (const [id, weeks] of groupRows(rows)) {
    const until = ends.get(id) ?? weeks[weeks.length - 1]!.week;
    const series: ReleaseDetail['burnup'] = [];
    let scope = 0;
    let done = 0;
    let i = 0;
    for (let w = weeks[0]!.week; w <= until || i < weeks.length; w = nextWeek(w)) {
      while (i < weeks.length && weeks[i]!.week === w) {
        scope += weeks[i]!.created;
        done += weeks[i]!.resolved;
        i++;
      }
      if (w <= until) series.push({ week: w, scope, done });
    }
    out.set(id, series);
  }
  return out;
}

function nextWeek(monday: string): string {
  const t = new Date(`${monday}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 7);
  return t.toISOString().slice(0, 10);
}

export async function releaseLists(db: Db, tz: string, asOf: string): Promise<Map<string, Lists>> {
  const phases = groupRows(await db.all<ReleaseDetail['phases'][number] & { release_id: string }>(
    `SELECT release_id, phase, ${day('planned_start')} AS "plannedStart", ${day('planned_end')} AS "plannedEnd",
            ${day('actual_start')} AS "actualStart", ${day('actual_end')} AS "actualEnd"
     FROM release_phase ORDER BY release_id, coalesce(planned_start, actual_start), phase`,
  ));
  const changes = groupRows(await db.all<ReleaseDetail['changes'][number] & { release_id: string }>(
    `SELECT release_id, number, short_description AS "shortDescription", type, state, close_code AS "closeCode", system_id AS "systemId",
            ${instant('planned_start')} AS "plannedStart", ${instant('planned_end')} AS "plannedEnd"
     FROM change WHERE release_id IS NOT NULL ORDER BY release_id, planned_start NULLS LAST, number`,
  ));
  const deployments = groupRows(await db.all<ReleaseDetail['deployments'][number] & { release_id: string }>(
    `SELECT release_id, id, system_id AS "systemId", environment_id AS "environmentId", ${instant('started_at')} AS "startedAt", status, production
     FROM deployment WHERE release_id IS NOT NULL ORDER BY release_id, started_at, id`,
  ));
  const bookings = groupRows(await db.all<ReleaseDetail['bookings'][number] & { release_id: string }>(
    `SELECT release_id, id, environment_id AS "environmentId", purpose, status, ${day(localDay('start', tz))} AS "firstDay",
            ${day(localDay(`"end" - INTERVAL 1 MICROSECOND`, tz))} AS "lastDay"
     FROM booking WHERE release_id IS NOT NULL ORDER BY release_id, start, id`,
  ));
  const cycles = groupRows(await db.all<ReleaseDetail['testCycles'][number] & { release_id: string }>(
    `SELECT release_id, name, ${day('planned_start')} AS "plannedStart", ${day('planned_end')} AS "plannedEnd",
            planned_cases::DOUBLE AS "plannedCases", executed::DOUBLE AS executed, passed::DOUBLE AS passed, failed::DOUBLE AS failed, blocked::DOUBLE AS blocked
     FROM test_cycle ORDER BY release_id, planned_start NULLS LAST, name`,
  ));
  const burnup = await burnups(db, tz, asOf);
  const ids = await db.all<{ id: string }>('SELECT id FROM release ORDER BY id');
  return new Map(
    ids.map(({ id }) => [
      id,
      {
        phases: phases.get(id) ?? [],
        burnup: burnup.get(id) ?? [],
        changes: changes.get(id) ?? [],
        deployments: deployments.get(id) ?? [],
        bookings: bookings.get(id) ?? [],
        testCycles: cycles.get(id) ?? [],
      },
    ]),
  );
}
