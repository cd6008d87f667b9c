import { describe, expect, it } from 'vitest';
import { dependencyGraphChart, drawnGraph, GRAPH_RELEASES } from '../../src/components/charts/dependency-graph.ts';
import { layeredLayout, type LayoutOptions } from '../../src/components/graph/layered-layout.ts';
import type { DependenciesPage, ReleaseRef, ReleaseState } from '../../src/report/model-releases.ts';
import { HOSTILE, svgOf, titles } from './helpers.ts';

const BOX: LayoutOptions = { nodeWidth: 100, nodeHeight: 20, layerGap: 40, rowGap: 10, maxWidth: 1000 };
const PITCH_X = BOX.nodeWidth + BOX.layerGap;
const edge = (s: string) => {
  const [from, to] = s.split('>') as [string, string];
  return { from, to };
};

describe('layered layout', () => {
  it('puts each release one layer right of its furthest upstream release', () => {
    // Chain a > b > c with a skip edge a > c, and a source that feeds only the last layer.
    const layout = layeredLayout(['a', 'b', 'c', 's'], ['a>b', 'b>c', 'a>c', 's>c'].map(edge), BOX);
    const x = (id: string) => layout.nodes.get(id)!.x / PITCH_X;
    expect(['a', 'b', 'c'].map(x)).toEqual([0, 1, 2]);
    expect(x('s')).toBe(1);
    // The skip edge runs through a placeholder in the middle layer: in, across and out.
    const skip = layout.edges.find((e) => e.index === 2)!;
    expect(skip.points).toHaveLength(4);
    expect(skip.points[0]).toEqual([BOX.nodeWidth, layout.nodes.get('a')!.y + 10]);
    expect(skip.points.at(-1)).toEqual([2 * PITCH_X, layout.nodes.get('c')!.y + 10]);
  });

  it('orders a layer to avoid crossings, and centres a diamond', () => {
    // Depth-first order finds x (through r) before y, and m before n: m > y then crosses n > x.
    const layout = layeredLayout(['r', 'a', 'm', 'n', 'x', 'y'], ['r>x', 'a>m', 'a>n', 'm>y', 'n>x'].map(edge), BOX);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(['r', 'n', 'm'].map(y)).toEqual([0, 30, 60]);
    expect(y('x')).toBeLessThan(y('y'));
    const diamond = layeredLayout(['top', 'l', 'r', 'bottom'], ['top>l', 'top>r', 'l>bottom', 'r>bottom'].map(edge), BOX);
    const dy = (id: string) => diamond.nodes.get(id)!.y;
    expect(dy('top')).toBe(dy('bottom'));
    expect(dy('top')).toBe((dy('l') + dy('r')) / 2);
  });

  it('lays out a cycle, routing the edge that closes it backwards to its target', () => {
    const layout = layeredLayout(['a', 'b', 'c'], ['a>b', 'b>c', 'c>a', 'a>a'].map(edge), BOX);
    expect(layout.edges.map((e) => e.index)).toEqual([0, 1, 2]);
    const back = layout.edges[2]!.points;
    // From c's left side to a's right side.
    expect(back[0]![0]).toBe(layout.nodes.get('c')!.x);
    expect(back.at(-1)![0]).toBe(layout.nodes.get('a')!.x + BOX.nodeWidth);
  });

  it('packs separate pieces in rows no wider than asked, without overlaps', () => {
    const nodes = Array.from({ length: 20 }, (_, i) => `n${i}`);
    const edges = Array.from({ length: 10 }, (_, i) => ({ from: `n${2 * i}`, to: `n${2 * i + 1}` }));
    const layout = layeredLayout(nodes, edges, { ...BOX, maxWidth: 700 });
    // Each piece is two layers (240 px): two fit in a 700 px row, with a layer gap between them.
    expect(layout.width).toBe(2 * (PITCH_X + BOX.nodeWidth) + BOX.layerGap);
    // Five rows of pieces, a blank row between them.
    expect(layout.height).toBe(5 * BOX.nodeHeight + 4 * (BOX.nodeHeight + BOX.rowGap));
    expectNoOverlap(layout.nodes);
  });

  it('lays out 200 releases quickly and deterministically', () => {
    const { nodes, edges } = generated(200);
    const start = performance.now();
    const layout = layeredLayout(nodes, edges, BOX);
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(1000);
    expect(layout.nodes.size).toBe(200);
    expect(layout.edges.length).toBe(edges.length);
    expectNoOverlap(layout.nodes);
    expect(layeredLayout(nodes, edges, BOX)).toEqual(layout);
  });
});

function expectNoOverlap(nodes: Map<string, { x: number; y: number }>): void {
  const boxes = [...nodes];
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [[m, a], [n, b]] = [boxes[i]!, boxes[j]!];
      if (Math.abs(a.x - b.x) < BOX.nodeWidth && Math.abs(a.y - b.y) < BOX.nodeHeight) overlaps.push(`${m} and ${n}`);
    }
  }
  expect(overlaps).toEqual([]);
}

/** A portfolio-like graph: a few platform releases many depend on, chains within projects, a few strays; seeded. */
function generated(n: number): { nodes: string[]; edges: Array<{ from: string; to: string }> } {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nodes = Array.from({ length: n }, (_, i) => `R${String(i).padStart(3, '0')}`);
  const edges: Array<{ from: string; to: string }> = [];
  for (let i = 1; i < n; i++) {
    if (random() < 0.15) continue;
    const links = random() < 0.3 ? 2 : 1;
    for (let k = 0; k < links; k++) edges.push({ from: nodes[Math.floor(random() * i)]!, to: nodes[i]! });
  }
  return { nodes, edges: edges.filter((e, i) => edges.findIndex((f) => f.from === e.from && f.to === e.to) === i) };
}

const ref = (id: string, name = `${id} name`): ReleaseRef => ({ id, slug: id.toLowerCase(), name });
const node = (id: string, state: ReleaseState, name?: string): DependenciesPage['nodes'][number] => ({
  ...ref(id, name), projectId: 'P', type: 'minor', plannedRelease: '2026-04-01', state, downstream: 1, slackDays: 3,
});
const label = (r: ReleaseRef) => r.name;

describe('dependency graph chart', () => {
  const graph: Pick<DependenciesPage, 'nodes' | 'edges' | 'cycles'> = {
    nodes: [node('A', 'released'), node('B', 'overdue', HOSTILE), node('C', 'planned'), node('D', 'planned')],
    edges: [{ from: 'A', to: 'B', gapDays: 5 }, { from: 'C', to: 'D', gapDays: null }, { from: 'D', to: 'C', gapDays: -3 }],
    cycles: [[ref('C'), ref('D')]],
  };

  it('draws a box per release in its state colour and an arrow per dependency, cycles apart', () => {
    const chart = dependencyGraphChart(graph, label);
    const svg = svgOf(chart.svg);
    expect(titles(svg, 'state-released')).toEqual(['A name (minor): released, planned for 2026-04-01; 1 downstream; slack 3 days']);
    expect(svg.querySelectorAll('g.state-planned rect').length).toBe(2);
    expect(titles(svg, 'dep-edge')).toEqual([`A name → ${HOSTILE}: gap 5 days`, 'C name → D name: gap unknown (on a dependency cycle: a data error)', 'D name → C name: gap -3 days (on a dependency cycle: a data error)']);
    expect(svg.querySelectorAll('g.dep-cycle path[marker-end]').length).toBe(2);
    expect(svg.querySelectorAll('g.dep-in-cycle rect').length).toBe(2);
    expect(chart.legend.map((l) => l.label)).toEqual(['Released', 'Overdue', 'Planned', 'Dependency cycle (data error)']);
    expect(chart.reading).toBe('4 releases linked by 3 dependencies; A name has the most releases downstream (1); 1 dependency cycle, a data error.');
  });

  it('keeps hostile names as text, shortening long ones in the middle', () => {
    const svg = dependencyGraphChart(graph, label).svg;
    expect(svg.replace(/="[^"]*"/g, '=""')).not.toMatch(/<(script|img)/);
    const text = [...svgOf(svg).querySelectorAll('g.dep-label text')].find((t) => t.textContent?.startsWith('<script>'))!;
    expect(text.textContent).toMatch(/^<script>.+….+alert\(1\)>$/);
    expect(text.querySelector('title')?.textContent).toBe(HOSTILE);
  });

  it(`draws at most ${GRAPH_RELEASES} of 200 releases, the open ones first, says so, and keeps every arrow in its CSV`, () => {
    const { nodes, edges } = generated(200);
    const states: ReleaseState[] = ['released', 'in_progress', 'planned', 'overdue', 'released'];
    const graph = { nodes: nodes.map((id, i) => node(id, states[i % 5]!, `Core Banking Modernisation ${id}`)), edges: edges.map((e) => ({ ...e, gapDays: 4 })), cycles: [] };
    const chart = dependencyGraphChart(graph, label);
    const svg = svgOf(chart.svg);
    expect(svg.querySelectorAll('g.dep-node rect').length).toBe(GRAPH_RELEASES);
    // 120 of the 200 are open: every drawn release is one of them.
    const drawn = drawnGraph(graph);
    expect(drawn.nodes.every((n) => n.state !== 'released')).toBe(true);
    expect(drawn.edges.every((e) => drawn.nodes.some((n) => n.id === e.from) && drawn.nodes.some((n) => n.id === e.to))).toBe(true);
    expect(chart.title).toBe(`Dependency graph: ${GRAPH_RELEASES} of 200 releases`);
    expect(chart.reading).toContain(`Drawn: ${GRAPH_RELEASES} releases, those still open and with the most releases downstream first`);
    expect(chart.data!.rows).toHaveLength(edges.length);
    expect(Number(svg.getAttribute('width'))).toBeLessThan(6000);
    expect(chart.svg.length).toBeLessThan(150_000);
  });

  it('draws a graph as small as the limit whole', () => {
    const { nodes, edges } = generated(GRAPH_RELEASES);
    const graph = { nodes: nodes.map((id) => node(id, 'released', id)), edges: edges.map((e) => ({ ...e, gapDays: 4 })), cycles: [] };
    expect(drawnGraph(graph)).toBe(graph);
    expect(dependencyGraphChart(graph, label).title).toBe('Dependency graph');
  });
});
