// Known answers for the dependency metrics, by hand from test/fixtures/metrics/dependencies/:
//   chain A → B → C → H: gaps A→B 4 (Feb 5 − Feb 1), B→C 0, C→H 30 (H has no start: its release, May 1)
//   diamond D → E, D → F, E → G, F → G: gaps D→E 10, D→F 3, E→G 15 (Mar 15 − Feb 28), F→G 5
//   downstream: A 3 (B, C, H) · B 2 · C 1 · D 3 (E, F, G) · E 1 · F 1 · G 0 · H 0
//   slack: B 4 · C 0 · H 30 · E 10 · F 3 · G min(15, 5) = 5 · A, D none
//   path slack from D: E 10, F 3, G min(10 + 15, 3 + 5) = 8 → a 14-day slip moves E 4, F 11, G 6
//   path slack from A: B 4, C 4 + 0 = 4, H 34 → a 7-day slip moves B 3, C 3, H 0
//   critical path to G: F (gap 5, tighter than E's 15), then D (gap 3): D → F → G
//   cycle: X ⇄ Y, each planned to start a month before the other is released (slack −31: a conflict);
//   G → UNKNOWN names no known release and is left out
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { criticalPath, cycles, dependencyGraph, dependencyMetrics, pathSlack, propagate, type Dependency, type PlannedRelease } from '../../src/metrics/dependencies.ts';
import { csvRows } from '../helpers/csv-rows.ts';
import { FIXTURES } from '../helpers/ingest.ts';

const dir = path.join(FIXTURES, 'metrics/dependencies');
const releases = csvRows(path.join(dir, 'releases.csv')) as PlannedRelease[];
const deps = csvRows(path.join(dir, 'release_dependencies.csv')) as Dependency[];
const g = dependencyGraph(releases, deps);
const rows = dependencyMetrics(g);
const metric = (m: string) => Object.fromEntries(rows.filter((r) => r.metric === m).map((r) => [r.scope_id, r.value]));

describe('dependency metrics', () => {
  it('counts the releases downstream of each, transitively', () => {
    expect(metric('dependencies.downstream_count')).toEqual({ A: 3, B: 2, C: 1, H: 0, D: 3, E: 1, F: 1, G: 0, X: 1, Y: 1 });
  });

  it('gives each release the least gap to its direct upstream releases', () => {
    expect(metric('dependencies.slack_days')).toEqual({ B: 4, C: 0, H: 30, E: 10, F: 3, G: 5, X: -31, Y: -31 });
  });

  it('propagates a slip finish-to-start along the least-slack path', () => {
    expect(Object.fromEntries(pathSlack(g, 'D'))).toEqual({ E: 10, F: 3, G: 8 });
    expect(Object.fromEntries(propagate(g, 'D', 14))).toEqual({ E: 4, F: 11, G: 6 });
    expect(Object.fromEntries(propagate(g, 'A', 7))).toEqual({ B: 3, C: 3, H: 0 });
  });

  it('follows the tightest upstream link for the critical path', () => {
    const planned = (id: string) => releases.find((r) => r.id === id)?.planned_release ?? null;
    expect(criticalPath(g, 'G', planned).map((e) => [e.from, e.to, e.gap])).toEqual([['D', 'F', 3], ['F', 'G', 5]]);
    expect(criticalPath(g, 'A', planned)).toEqual([]);
  });

  it('finds cycles and leaves out links to unknown releases', () => {
    expect(cycles(g)).toEqual([['X', 'Y']]);
    expect(g.edges.some((e) => e.from === 'UNKNOWN')).toBe(false);
  });

  it('does not hang on a long chain or a large cycle', () => {
    const n = 5000;
    const many = Array.from({ length: n }, (_, i) => ({ id: `R${i}`, planned_start: '2026-01-01', planned_release: '2026-01-02' }));
    const chain = many.slice(1).map((r, i) => ({ release_id: r.id, depends_on_id: `R${i}` }));
    const big = dependencyGraph(many, [...chain, { release_id: 'R0', depends_on_id: `R${n - 1}` }]);
    expect(cycles(big)[0]).toHaveLength(n);
  });
});
