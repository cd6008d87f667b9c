// Defects (docs/metrics.md#quality): escaped defects and defect density per release and system, and
// bugs opened and closed per week. Pure: work items in, numbers out — counted in groups of items alike
// in everything read here, because the table can hold millions of rows.
import type { Row } from '../model/catalog.ts';
import type { MetricRow, ScopeKind } from './types.ts';
import { ratio, round } from './stats.ts';
import { mondayOf, weekRange, type Week } from './calendar.ts';

/** Work items with the same type, status category, origin and releases, and how many there are. */
export type WorkItemGroup = Pick<Row<'work_item'>, 'type' | 'status_category' | 'found_in' | 'release_ids' | 'affects_release_ids'> & { items: number };
/** Bugs created on a local day and resolved on another (or not yet), and how many. */
export interface BugDays {
  created: string;
  resolved: string | null;
  bugs: number;
}
export type ReleaseSystems = Pick<Row<'release'>, 'id' | 'system_ids'>;

/** Work item types whose done items are the delivered work that defect density divides by. */
const DELIVERY_TYPES = new Set(['feature', 'story', 'task']);

export interface DefectCounts {
  bugs: number;
  escaped: number;
  /** Done features, stories and tasks. */
  deliveredItems: number;
  density: number | null;
}

/** The releases a bug belongs to: its affects versions, else its fix versions. */
export const bugReleases = (b: WorkItemGroup): readonly string[] => (b.affects_release_ids?.length ? b.affects_release_ids : b.release_ids ?? []);

type Tally = { bugs: number; escaped: number; deliveredItems: number };

/**
 * Every known release named by a non-epic work item (fix or affects versions), and each system of
 * those releases, by id. An item counts once per system, however many of the system's releases it has.
 */
export function defectsByScope(groups: readonly WorkItemGroup[], releases: readonly ReleaseSystems[]): { byRelease: Map<string, DefectCounts>; bySystem: Map<string, DefectCounts> } {
  const known = new Map(releases.map((r) => [r.id, r]));
  const byRelease = new Map<string, Tally>();
  const bySystem = new Map<string, Tally>();
  const tally = (m: Map<string, Tally>, id: string) => m.get(id) ?? m.set(id, { bugs: 0, escaped: 0, deliveredItems: 0 }).get(id)!;
  const add = (ids: readonly string[], g: WorkItemGroup, key: keyof Tally) => {
    const rs = ids.filter((id) => known.has(id));
    for (const id of rs) tally(byRelease, id)[key] += g.items;
    for (const sys of new Set(rs.flatMap((id) => known.get(id)!.system_ids ?? []))) tally(bySystem, sys)[key] += g.items;
  };
  for (const g of groups) {
    if (g.type === 'epic') continue;
    for (const id of [...(g.release_ids ?? []), ...(g.affects_release_ids ?? [])]) if (known.has(id)) tally(byRelease, id);
    if (g.type === 'bug') {
      add(bugReleases(g), g, 'bugs');
      if (g.found_in === 'production') add(bugReleases(g), g, 'escaped');
    } else if (g.type && DELIVERY_TYPES.has(g.type) && g.status_category === 'done') {
      add(g.release_ids ?? [], g, 'deliveredItems');
    }
  }
  for (const id of byRelease.keys()) for (const sys of known.get(id)!.system_ids ?? []) tally(bySystem, sys);
  const counts = (m: Map<string, Tally>) =>
    new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, t]) => [id, { ...t, density: round(ratio(t.bugs, t.deliveredItems)) }]));
  return { byRelease: counts(byRelease), bySystem: counts(bySystem) };
}

/** Bugs created and resolved per ISO week, from the first bug's week to the as-of week, and open at each week's end. */
export function defectFlow(days: readonly BugDays[], asOf: string): Array<Week & { opened: number; closed: number; open: number }> {
  const opened = new Map<string, number>();
  const closed = new Map<string, number>();
  const count = (m: Map<string, number>, day: string, n: number) => m.set(mondayOf(day), (m.get(mondayOf(day)) ?? 0) + n);
  for (const d of days) {
    count(opened, d.created, d.bugs);
    if (d.resolved) count(closed, d.resolved, d.bugs);
  }
  const first = [...opened.keys()].sort()[0];
  if (!first || first > asOf) return [];
  let open = 0;
  return weekRange(first, asOf).map((w) => {
    const o = opened.get(w.monday) ?? 0;
    const c = closed.get(w.monday) ?? 0;
    open += o - c;
    return { ...w, opened: o, closed: c, open };
  });
}

export function defectMetrics(scopes: ReturnType<typeof defectsByScope>, flow: ReturnType<typeof defectFlow>): MetricRow[] {
  const out: MetricRow[] = [];
  const write = (kind: ScopeKind, groups: Map<string, DefectCounts>) => {
    for (const [id, c] of groups) {
      const scope = { scope_kind: kind, scope_id: id, period: 'all' } as const;
      out.push({ metric: 'quality.escaped_defects', ...scope, value: c.escaped, unit: 'count', detail: `${c.escaped} of ${c.bugs} bugs found in production` });
      if (c.density !== null) {
        out.push({ metric: 'quality.defect_density', ...scope, value: c.density, unit: 'ratio', detail: `${c.bugs} bugs ÷ ${c.deliveredItems} done features, stories and tasks` });
      }
    }
  };
  write('release', scopes.byRelease);
  write('system', scopes.bySystem);
  for (const w of flow) {
    out.push(
      { metric: 'quality.defects_opened', scope_kind: 'all', scope_id: '*', period: w.week, value: w.opened, unit: 'count', detail: 'bugs created in the week' },
      { metric: 'quality.defects_closed', scope_kind: 'all', scope_id: '*', period: w.week, value: w.closed, unit: 'count', detail: 'bugs resolved in the week' },
    );
  }
  return out;
}
