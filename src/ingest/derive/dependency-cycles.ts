// A release that (transitively) depends on itself is a data error: reported with the releases on the
// cycle, never fatal (the graph code is cycle-safe), so the rest of the data still loads.
import type { Db } from '../../db/duckdb.ts';
import { cycles, dependencyGraph } from '../../metrics/dependencies.ts';
import type { Warning } from '../context.ts';

export function describeCycle(ids: readonly string[]): string {
  return [...ids, ids[0]].join(' → ');
}

export async function reportDependencyCycles(db: Db, warnings: Warning[]): Promise<void> {
  const releases = await db.all<{ id: string; planned_start: string | null; planned_release: string | null }>(
    `SELECT id, strftime(planned_start, '%Y-%m-%d') AS planned_start, strftime(planned_release, '%Y-%m-%d') AS planned_release FROM release`,
  );
  const deps = await db.all<{ release_id: string; depends_on_id: string; source_file: string }>(
    'SELECT release_id, depends_on_id, source_file FROM release_dependency ORDER BY source_file, release_id, depends_on_id',
  );
  for (const cycle of cycles(dependencyGraph(releases, deps))) {
    const on = new Set(cycle);
    const files = [...new Set(deps.filter((d) => on.has(d.release_id) && on.has(d.depends_on_id)).map((d) => d.source_file))];
    warnings.push({
      path: files.join(', '),
      code: 'dependency-cycle',
      message: `dependency cycle between releases ${describeCycle(cycle)}: each waits for the next, so none can start; fix the dependencies (the pages list the cycle as a data error)`,
      count: cycle.length,
    });
  }
}
