// Release dependencies (docs/metrics.md#dependencies): finish-to-start links between releases, their
// slack, what a slip propagates to, critical paths and cycles. Pure: rows in, numbers out.
import type { Row } from '../model/catalog.ts';
import type { MetricRow } from './types.ts';
import { daysBetween } from './periods.ts';

export type PlannedRelease = Pick<Row<'release'>, 'id' | 'planned_start' | 'planned_release'>;
export type Dependency = Pick<Row<'release_dependency'>, 'release_id' | 'depends_on_id'>;

/** When a release must start: its planned start, else its planned release. */
export function startOf(r: PlannedRelease): string | null {
  return r.planned_start ?? r.planned_release;
}

export interface Edge {
  /** The upstream release: it must be released before `to` starts. */
  from: string;
  to: string;
  /** start(to) − planned_release(from) in days; null when a date is missing. */
  gap: number | null;
}

export interface DependencyGraph {
  edges: Edge[];
  upstream: Map<string, Edge[]>;
  downstream: Map<string, Edge[]>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The graph of dependencies between known releases (links to unknown releases are left out). */
export function dependencyGraph(releases: readonly PlannedRelease[], deps: readonly Dependency[]): DependencyGraph {
  const byId = new Map(releases.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const d of deps) {
    const up = byId.get(d.depends_on_id);
    const down = byId.get(d.release_id);
    const k = `${d.depends_on_id}\u0000${d.release_id}`;
    if (!up || !down || seen.has(k)) continue;
    seen.add(k);
    const start = startOf(down);
    edges.push({ from: up.id, to: down.id, gap: start && up.planned_release ? daysBetween(up.planned_release, start) : null });
  }
  edges.sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to));
  const upstream = new Map<string, Edge[]>();
  const downstream = new Map<string, Edge[]>();
  for (const e of edges) {
    upstream.set(e.to, [...(upstream.get(e.to) ?? []), e]);
    downstream.set(e.from, [...(downstream.get(e.from) ?? []), e]);
  }
  return { edges, upstream, downstream };
}

/** dependencies.slack_days: the least gap to a direct upstream release; null when no gap is known. */
export function slackDays(g: DependencyGraph, id: string): number | null {
  const gaps = (g.upstream.get(id) ?? []).map((e) => e.gap).filter((x): x is number => x !== null);
  return gaps.length ? Math.min(...gaps) : null;
}

/** Releases that depend on `id` directly or transitively (cycles included once, `id` itself never). */
export function downstreamOf(g: DependencyGraph, id: string): string[] {
  const seen = new Set<string>([id]);
  const queue = [id];
  const out: string[] = [];
  while (queue.length) {
    for (const e of g.downstream.get(queue.shift()!) ?? []) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      out.push(e.to);
      queue.push(e.to);
    }
  }
  return out.sort(byText);
}

/** A gap as slack: an unknown gap, or a dependent already planned to start early, absorbs nothing. */
const slackOf = (e: Edge) => Math.max(0, e.gap ?? 0);

/**
 * For each release downstream of `id`, its path slack k: the least total slack over any path from `id`.
 * A slip of d days in `id` moves it by max(0, d − k) (finish-to-start, each release keeping its duration).
 */
export function pathSlack(g: DependencyGraph, id: string): Map<string, number> {
  const dist = new Map<string, number>([[id, 0]]);
  const done = new Set<string>();
  // Dijkstra on a small graph: a linear scan for the next node is plenty.
  for (;;) {
    let next: string | null = null;
    for (const [n, d] of dist) if (!done.has(n) && (next === null || d < dist.get(next)! || (d === dist.get(next)! && n < next))) next = n;
    if (next === null) break;
    done.add(next);
    for (const e of g.downstream.get(next) ?? []) {
      const d = dist.get(next)! + slackOf(e);
      if (!dist.has(e.to) || d < dist.get(e.to)!) dist.set(e.to, d);
    }
  }
  dist.delete(id);
  return new Map([...dist].sort(([a], [b]) => byText(a, b)));
}

/** How far each downstream release moves when `id` slips by `days`. */
export function propagate(g: DependencyGraph, id: string, days: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [r, k] of pathSlack(g, id)) out.set(r, Math.max(0, days - k));
  return out;
}

/**
 * The critical path to `id`: from its upstream releases, the tightest (least slack; unknown gaps count
 * as none; ties to the later planned release, then the id), then that release's tightest, and so on.
 * Listed first to last, each with its gap to the next.
 */
export function criticalPath(g: DependencyGraph, id: string, plannedRelease: (id: string) => string | null): Edge[] {
  const path: Edge[] = [];
  const seen = new Set<string>([id]);
  let at = id;
  for (;;) {
    const ups = (g.upstream.get(at) ?? []).filter((e) => !seen.has(e.from));
    if (!ups.length) break;
    const tight = ups.sort((a, b) => slackOf(a) - slackOf(b) || byText(plannedRelease(b.from) ?? '', plannedRelease(a.from) ?? '') || byText(a.from, b.from))[0]!;
    path.unshift(tight);
    seen.add(tight.from);
    at = tight.from;
  }
  return path;
}

/** Dependency cycles (strongly connected components with more than one release, or a self-link). */
export function cycles(g: DependencyGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const nodes = [...new Set(g.edges.flatMap((e) => [e.from, e.to]))].sort(byText);
  // Iterative Tarjan: a deep chain must not overflow the call stack.
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = g.downstream.get(top.node) ?? [];
      if (top.next < succ.length) {
        const w = succ[top.next++]!.to;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== top.node);
        const selfLoop = scc.length === 1 && (g.downstream.get(scc[0]!) ?? []).some((e) => e.to === scc[0]);
        if (scc.length > 1 || selfLoop) out.push(scc.sort(byText));
      }
    }
  }
  return out.sort((a, b) => byText(a[0]!, b[0]!));
}

/** dependencies.downstream_count and dependencies.slack_days for every release in a dependency. */
export function dependencyMetrics(g: DependencyGraph): MetricRow[] {
  const ids = [...new Set(g.edges.flatMap((e) => [e.from, e.to]))].sort(byText);
  const out: MetricRow[] = [];
  for (const id of ids) {
    const down = downstreamOf(g, id);
    out.push({
      metric: 'dependencies.downstream_count', scope_kind: 'release', scope_id: id, period: 'all', value: down.length, unit: 'count',
      detail: down.length ? `depend on it: ${down.join(', ')}` : 'no release depends on it',
    });
    const slack = slackDays(g, id);
    if (slack !== null) {
      const tight = (g.upstream.get(id) ?? []).filter((e) => e.gap === slack).map((e) => e.from);
      out.push({
        metric: 'dependencies.slack_days', scope_kind: 'release', scope_id: id, period: 'all', value: slack, unit: 'days',
        detail: `planned start minus the planned release of ${tight.join(', ')}`,
      });
    }
  }
  return out;
}
