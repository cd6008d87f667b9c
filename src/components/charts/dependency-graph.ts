// The dependency graph, laid out at build time: releases as boxes coloured by state, finish-to-start
// dependencies as arrows from the upstream release to the one waiting for it, edges on a cycle (a data
// error) dashed in the alarm colour. Wide graphs scroll sideways in their figure.
import * as Plot from '@observablehq/plot';
import type { DependenciesPage, ReleaseRef } from '../../report/model-releases.ts';
import { isOpenState } from '../../metrics/status.ts';
import { formatCount, formatDays } from '../format.ts';
import { layeredLayout } from '../graph/layered-layout.ts';
import { stateClass, stateLabel, stateLegend, STATES } from '../release-states.ts';
import { renderChart, type RenderedChart } from './render.ts';

type Node = DependenciesPage['nodes'][number];

const BOX = { nodeWidth: 170, nodeHeight: 26, layerGap: 56, rowGap: 10, maxWidth: 1100 };
const PAD = 12;

const days = (n: number | null) => (n === null ? 'unknown' : formatDays(n));

/** Releases drawn at most: a graph of thousands is unreadable and outweighs any page. */
export const GRAPH_RELEASES = 80;

/**
 * The releases drawn: all of them up to GRAPH_RELEASES, else releases still open first (a slip can
 * still move them), most releases downstream first, then by planned date and id; cycles are always
 * drawn (they are data errors to fix). The arrows drawn are those between drawn releases.
 */
export function drawnGraph<G extends Pick<DependenciesPage, 'nodes' | 'edges' | 'cycles'>>(graph: G): G {
  if (graph.nodes.length <= GRAPH_RELEASES) return graph;
  const onCycle = new Set(graph.cycles.flatMap((c) => c.map((r) => r.id)));
  const rank = (n: Node) => [onCycle.has(n.id) ? 0 : 1, isOpenState(n.state) ? 0 : 1, -n.downstream] as const;
  const ranked = [...graph.nodes].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (a.plannedRelease ?? '').localeCompare(b.plannedRelease ?? '') || a.id.localeCompare(b.id);
  });
  const kept = new Set(ranked.slice(0, Math.max(GRAPH_RELEASES, onCycle.size)).map((n) => n.id));
  return { ...graph, nodes: graph.nodes.filter((n) => kept.has(n.id)), edges: graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)) };
}

function nodeTip(n: Node, label: string): string {
  return `${label}${n.type ? ` (${n.type})` : ''}: ${stateLabel(n.state).toLowerCase()}, planned for ${n.plannedRelease ?? 'no date'}; ${formatCount(n.downstream)} downstream; slack ${days(n.slackDays)}`;
}

/** `label` names a release (see release-names.ts). */
export function dependencyGraphChart(all: Pick<DependenciesPage, 'nodes' | 'edges' | 'cycles'>, label: (r: ReleaseRef) => string): RenderedChart {
  const id = 'dependency-graph';
  const graph = drawnGraph(all);
  const capped = graph.nodes.length < all.nodes.length;
  const title = capped ? `Dependency graph: ${formatCount(graph.nodes.length)} of ${formatCount(all.nodes.length)} releases` : 'Dependency graph';
  const layout = layeredLayout(graph.nodes.map((n) => n.id), graph.edges, BOX);
  const byId = new Map(all.nodes.map((n) => [n.id, n]));
  const cycleOf = new Map(graph.cycles.flatMap((c, i) => c.map((r): [string, number] => [r.id, i])));
  const onCycle = (e: { from: string; to: string }) => cycleOf.has(e.from) && cycleOf.get(e.from) === cycleOf.get(e.to);
  const boxes = graph.nodes.map((n) => {
    const at = layout.nodes.get(n.id)!;
    return { n, label: label(n), x1: at.x + PAD, y1: at.y + PAD, x2: at.x + PAD + BOX.nodeWidth, y2: at.y + PAD + BOX.nodeHeight };
  });
  const name = (id: string) => (byId.has(id) ? label(byId.get(id)!) : id);
  const routes = layout.edges.map(({ index, points }) => {
    const e = graph.edges[index]!;
    const tip = `${name(e.from)} → ${name(e.to)}: gap ${days(e.gapDays)}${onCycle(e) ? ' (on a dependency cycle: a data error)' : ''}`;
    return { cycle: onCycle(e), points: points.map(([x, y]) => ({ x: x + PAD, y: y + PAD, edge: index, tip })) };
  });
  const edgeMark = (cycle: boolean) =>
    Plot.line(routes.filter((r) => r.cycle === cycle).flatMap((r) => r.points), {
      x: 'x', y: 'y', z: 'edge', curve: 'bump-x', markerEnd: 'arrow', stroke: 'currentColor', strokeWidth: cycle ? 2 : 1.25,
      className: cycle ? 'dep-edge dep-cycle' : 'dep-edge', title: 'tip', ...(cycle ? { strokeDasharray: '5 3' } : {}),
    });
  const reading = graphReading(all, label) + (capped
    ? ` Drawn: ${formatCount(graph.nodes.length)} releases, those still open and with the most releases downstream first, and the arrows between them; the CSV download has every dependency.`
    : '');
  const svg = renderChart(
    {
      width: Math.max(layout.width + 2 * PAD, 320),
      height: Math.max(layout.height + 2 * PAD, 60),
      margin: 0,
      x: { type: 'identity', axis: null },
      y: { type: 'identity', axis: null },
      marks: [
        edgeMark(false),
        edgeMark(true),
        ...STATES.map((state) =>
          Plot.rect(boxes.filter((b) => b.n.state === state), {
            x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', rx: 4, className: `dep-node ${stateClass(state)}`, title: (b: { n: Node; label: string }) => nodeTip(b.n, b.label),
          }),
        ),
        Plot.rect(boxes.filter((b) => cycleOf.has(b.n.id)), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', rx: 4, inset: -3, className: 'dep-in-cycle', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '5 3' }),
        // A name longer than its box loses its middle (versions differ at the end); Plot then gives
        // the text the full name as its title.
        Plot.text(boxes, { x: (b: { x1: number }) => b.x1 + 7, y: (b: { y1: number }) => b.y1 + BOX.nodeHeight / 2, text: 'label', textAnchor: 'start', lineWidth: 12.5, textOverflow: 'ellipsis-middle', className: 'dep-label' }),
      ],
    },
    { id, label: title, description: reading },
  );
  const legend = [
    ...stateLegend(graph.nodes.map((n) => n.state)),
    ...(routes.some((r) => r.cycle) ? [{ label: 'Dependency cycle (data error)', className: 'dep-cycle' }] : []),
  ];
  // The arrows, which name both boxes; a release in no dependency is not drawn.
  const data = {
    columns: ['Upstream release', 'Release waiting for it', 'Gap (days)', 'On a dependency cycle'],
    rows: all.edges.map((e) => [name(e.from), name(e.to), e.gapDays, onCycle(e) ? 'yes' : 'no']),
  };
  return { id, title, reading, legend, svg, data };
}

export function graphReading(graph: Pick<DependenciesPage, 'nodes' | 'edges' | 'cycles'>, label: (r: ReleaseRef) => string): string {
  if (graph.nodes.length === 0) return 'No release depends on another.';
  const cycles = graph.cycles.length;
  const most = graph.nodes.reduce((best, n) => (n.downstream > best.downstream ? n : best));
  return (
    `${formatCount(graph.nodes.length)} releases linked by ${formatCount(graph.edges.length)} ${graph.edges.length === 1 ? 'dependency' : 'dependencies'}` +
    `; ${label(most)} has the most releases downstream (${formatCount(most.downstream)})` +
    `${cycles > 0 ? `; ${formatCount(cycles)} dependency ${cycles === 1 ? 'cycle' : 'cycles'}, a data error` : ''}.`
  );
}
