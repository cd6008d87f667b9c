// A small layered (Sugiyama) layout for directed graphs drawn left to right: break cycles, put each
// node one layer right of its furthest predecessor, route long edges through placeholder points,
// order each layer by the barycenter of its neighbours to cut crossings, then pack the graph's
// separate pieces in rows. Deterministic: the same input gives the same coordinates.

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal space between layers, where the edges run. */
  layerGap: number;
  rowGap: number;
  /** Separate pieces are packed in rows up to this width (a wider piece gets a row of its own). */
  maxWidth: number;
}

export interface Layout {
  /** Top-left corner of each node. */
  nodes: Map<string, { x: number; y: number }>;
  /** One route per edge between two different nodes, as points from its source to its target. */
  edges: Array<{ index: number; points: Array<[number, number]> }>;
  width: number;
  height: number;
}

interface Piece {
  nodes: string[];
  /** Vertex ids per layer, in order; placeholders are `\0<edge>:<layer>`. */
  layers: string[][];
  /** Each edge's chain of vertices in layer order, and whether it runs against its direction. */
  chains: Array<{ index: number; chain: string[]; reversed: boolean }>;
}

const SWEEPS = 8;

export function layeredLayout(nodes: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>, opt: LayoutOptions): Layout {
  const known = new Set(nodes);
  const links = edges.map((e, index) => ({ ...e, index })).filter((e) => e.from !== e.to && known.has(e.from) && known.has(e.to));
  const pieces = components(nodes, links).map((members) => {
    const inPiece = new Set(members);
    return layerPiece(members, links.filter((e) => inPiece.has(e.from)));
  });
  const out: Layout = { nodes: new Map(), edges: [], width: 0, height: 0 };
  const pitchX = opt.nodeWidth + opt.layerGap;
  const pitchY = opt.nodeHeight + opt.rowGap;
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const piece of pieces) {
    const rows = Math.max(...piece.layers.map((l) => l.length));
    const w = piece.layers.length * pitchX - opt.layerGap;
    const h = rows * pitchY - opt.rowGap;
    if (x > 0 && x + w > opt.maxWidth) {
      y += shelf + pitchY;
      x = 0;
      shelf = 0;
    }
    const at = new Map<string, [number, number]>();
    piece.layers.forEach((layer, l) => {
      // Each layer centred on the piece's tallest one.
      const top = y + ((rows - layer.length) * pitchY) / 2;
      layer.forEach((v, i) => at.set(v, [x + l * pitchX, top + i * pitchY]));
    });
    for (const id of piece.nodes) {
      const [nx, ny] = at.get(id)!;
      out.nodes.set(id, { x: nx, y: ny });
    }
    for (const { index, chain, reversed } of piece.chains) {
      // A reversed edge attaches lower on its boxes, so the two edges of a two-release cycle stay apart.
      const mid = opt.nodeHeight * (reversed ? 0.75 : 0.5);
      const points: Array<[number, number]> = [];
      chain.forEach((v, i) => {
        const [vx, vy] = at.get(v)!;
        if (i > 0) points.push([vx, vy + mid]);
        if (i < chain.length - 1) points.push([vx + opt.nodeWidth, vy + mid]);
      });
      out.edges.push({ index, points: reversed ? points.reverse() : points });
    }
    x += w + opt.layerGap;
    shelf = Math.max(shelf, h);
    out.width = Math.max(out.width, x - opt.layerGap);
  }
  out.height = pieces.length ? y + shelf : 0;
  out.edges.sort((a, b) => a.index - b.index);
  return out;
}

/** Weakly connected pieces, largest first (ties in input order), each in input order. */
function components(nodes: readonly string[], links: ReadonlyArray<{ from: string; to: string }>): string[][] {
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (n: string): string => {
    while (parent.get(n) !== n) n = parent.get(n)!;
    return n;
  };
  for (const e of links) parent.set(find(e.from), find(e.to));
  const groups = new Map<string, string[]>();
  for (const n of nodes) groups.set(find(n), [...(groups.get(find(n)) ?? []), n]);
  return [...groups.values()].sort((a, b) => b.length - a.length || nodes.indexOf(a[0]!) - nodes.indexOf(b[0]!));
}

function layerPiece(members: string[], links: ReadonlyArray<{ from: string; to: string; index: number }>): Piece {
  const out = new Map(members.map((n) => [n, [] as Array<{ to: string; index: number }>]));
  for (const e of links) out.get(e.from)!.push({ to: e.to, index: e.index });
  // Depth-first from each node in input order: an edge back to a node still open closes a cycle and
  // is laid out reversed. `order` (discovery order) seeds the layer order.
  const state = new Map<string, 'open' | 'done'>();
  const reversed = new Set<number>();
  const order: string[] = [];
  for (const root of members) {
    if (state.has(root)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    state.set(root, 'open');
    order.push(root);
    while (stack.length) {
      const top = stack.at(-1)!;
      const edge = out.get(top.node)![top.next++];
      if (!edge) {
        state.set(top.node, 'done');
        stack.pop();
      } else if (state.get(edge.to) === 'open') reversed.add(edge.index);
      else if (!state.has(edge.to)) {
        state.set(edge.to, 'open');
        order.push(edge.to);
        stack.push({ node: edge.to, next: 0 });
      }
    }
  }
  const dag = links.map((e) => (reversed.has(e.index) ? { from: e.to, to: e.from, index: e.index } : e));
  const layer = longestPath(order, dag);
  const layers: string[][] = Array.from({ length: Math.max(...layer.values()) + 1 }, () => []);
  for (const n of order) layers[layer.get(n)!]!.push(n);
  const chains = dag.map((e) => {
    const chain = [e.from];
    for (let l = layer.get(e.from)! + 1; l < layer.get(e.to)!; l++) {
      const placeholder = `\0${e.index}:${l}`;
      layers[l]!.push(placeholder);
      chain.push(placeholder);
    }
    chain.push(e.to);
    return { index: e.index, chain, reversed: reversed.has(e.index) };
  });
  orderLayers(layers, chains.map((c) => c.chain));
  return { nodes: members, layers, chains };
}

/** Each node one layer right of its furthest predecessor; a source sits just left of its nearest successor. */
function longestPath(nodes: readonly string[], dag: ReadonlyArray<{ from: string; to: string }>): Map<string, number> {
  const next = new Map(nodes.map((n) => [n, [] as string[]]));
  const indegree = new Map(nodes.map((n) => [n, 0]));
  for (const e of dag) {
    next.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  const sources = nodes.filter((n) => indegree.get(n) === 0);
  const layer = new Map(nodes.map((n) => [n, 0]));
  const queue = [...sources];
  for (let i = 0; i < queue.length; i++) {
    for (const to of next.get(queue[i]!)!) {
      layer.set(to, Math.max(layer.get(to)!, layer.get(queue[i]!)! + 1));
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  for (const n of sources) {
    const after = next.get(n)!.map((to) => layer.get(to)!);
    if (after.length) layer.set(n, Math.min(...after) - 1);
  }
  return layer;
}

/** Barycenter sweeps down and up the layers, keeping the order with the fewest crossings. */
function orderLayers(layers: string[][], chains: readonly string[][]): void {
  const before = new Map<string, string[]>();
  const after = new Map<string, string[]>();
  const layerOf = new Map(layers.flatMap((l, i) => l.map((v): [string, number] => [v, i])));
  // The edges between each layer and the next: crossings only happen there.
  const gaps: Array<Array<[string, string]>> = layers.map(() => []);
  for (const chain of chains) {
    chain.slice(1).forEach((v, i) => {
      const u = chain[i]!;
      after.set(u, [...(after.get(u) ?? []), v]);
      before.set(v, [...(before.get(v) ?? []), u]);
      gaps[layerOf.get(u)!]!.push([u, v]);
    });
  }
  let best = layers.map((l) => [...l]);
  let fewest = crossings(layers, gaps);
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    for (let k = 1; k < layers.length; k++) {
      const l = down ? k : layers.length - 1 - k;
      const fixed = new Map(layers[down ? l - 1 : l + 1]!.map((v, i) => [v, i]));
      const weights = new Map(
        layers[l]!.map((v, i) => {
          const at = ((down ? before : after).get(v) ?? []).map((n) => fixed.get(n)!);
          return [v, at.length ? at.reduce((a, b) => a + b, 0) / at.length : i];
        }),
      );
      layers[l]!.sort((a, b) => weights.get(a)! - weights.get(b)!);
    }
    const now = crossings(layers, gaps);
    if (now < fewest) {
      fewest = now;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, i) => (layers[i] = l));
}

function crossings(layers: readonly string[][], gaps: ReadonlyArray<ReadonlyArray<[string, string]>>): number {
  const pos = new Map(layers.flatMap((l) => l.map((v, i): [string, number] => [v, i])));
  let count = 0;
  for (const pairs of gaps) {
    const ends = pairs.map(([u, v]) => [pos.get(u)!, pos.get(v)!] as const);
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) if ((ends[i]![0] - ends[j]![0]) * (ends[i]![1] - ends[j]![1]) < 0) count++;
    }
  }
  return count;
}
