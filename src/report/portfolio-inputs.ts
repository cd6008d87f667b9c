// What the portfolio side reads of the work items, counted in groups in SQL (the table can hold
// millions): open items of releases (status signals, over-commitment) and done items per month (effort
// share). Done items per team and day come from the forecasts' history. An item without a team counts
// as its project's (`project PAY`), as in the forecasts (src/report/forecasts-page.ts).
import { lit, type Db } from '../db/duckdb.ts';
import type { Row } from '../model/catalog.ts';
import { loadRows } from './load.ts';
import type { OpenItemGroup } from '../metrics/status-facts.ts';
import type { DoneGroup } from '../metrics/staffing.ts';
import { localDay } from './release-details.ts';

export interface PortfolioItems {
  open: Array<OpenItemGroup & { team: string }>;
  done: DoneGroup[];
}

const TEAM = `coalesce(team, 'project ' || project_id, 'no team')`;

export async function portfolioItems(db: Db, tz: string, asOf: string): Promise<PortfolioItems> {
  const resolvedDay = localDay('resolved', tz);
  const done = `type IS DISTINCT FROM 'epic' AND status_category = 'done' AND resolved IS NOT NULL AND ${resolvedDay} <= ${lit(asOf)}::DATE`;
  const open = await db.all<PortfolioItems['open'][number]>(
    `SELECT list_sort(list_distinct(release_ids)) AS release_ids, type, priority, status, list_sort(labels) AS labels, ${TEAM} AS team, count(*)::INTEGER AS items
     FROM work_item WHERE type IS DISTINCT FROM 'epic' AND status_category IS DISTINCT FROM 'done' AND len(release_ids) > 0
     GROUP BY ALL ORDER BY ALL`,
  );
  const groups = await db.all<DoneGroup>(
    `SELECT strftime(${resolvedDay}, '%Y-%m') AS month, ${TEAM} AS team, project_id, count(*)::INTEGER AS items,
            count(story_points)::INTEGER AS pointed, coalesce(sum(story_points), 0)::DOUBLE AS points
     FROM work_item WHERE ${done} GROUP BY ALL ORDER BY ALL`,
  );
  return { open, done: groups };
}

/**
 * The changes the portfolio side reads: unsuccessful ones (status, mined reasons) and those whose planned
 * window may meet a freeze window (a superset: the freeze's scope and the exact overlap are checked by
 * src/metrics/change-windows.ts). An enterprise has hundreds of thousands of changes; few are either.
 */
export async function portfolioChanges(db: Db): Promise<Row<'change'>[]> {
  return loadRows(db, 'change', `WHERE close_code = 'unsuccessful' OR EXISTS (SELECT 1 FROM freeze_window f
    WHERE change.planned_start < f."end" AND coalesce(change.planned_end, change.planned_start) >= f.start)`);
}
