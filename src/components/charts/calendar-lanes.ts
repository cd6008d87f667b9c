// Rows of the release calendar: one group per project (or system), split into as many lanes as it
// needs so that releases overlapping in time never cover each other.

export interface Span {
  group: string;
  /** First and last day (inclusive), `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** Breaks ties, so the same input always gives the same lanes. */
  id: string;
}

export interface Lane {
  /** Unique band key: the group's index and the lane's (group names may contain anything). */
  key: string;
  group: string;
  /** The group's first lane carries its label. */
  first: boolean;
  /** Groups alternate shading so their lanes read together. */
  odd: boolean;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Lanes in display order (groups by name), and the lane key of each span (same order as `spans`). */
export function assignLanes(spans: readonly Span[]): { lanes: Lane[]; laneOf: string[] } {
  const groups = [...new Set(spans.map((s) => s.group))].sort(collator.compare);
  const laneOf: string[] = new Array<string>(spans.length);
  const lanes: Lane[] = [];
  groups.forEach((group, g) => {
    const members = spans
      .map((span, index) => ({ span, index }))
      .filter(({ span }) => span.group === group)
      .sort((a, b) => cmp(a.span.start, b.span.start) || cmp(a.span.end, b.span.end) || cmp(a.span.id, b.span.id));
    // Greedy interval partitioning: the first lane free since before this span starts.
    const lastEnd: string[] = [];
    for (const { span, index } of members) {
      let lane = lastEnd.findIndex((end) => end < span.start);
      if (lane === -1) lane = lastEnd.push(span.end) - 1;
      else lastEnd[lane] = span.end;
      laneOf[index] = `${g}:${lane}`;
    }
    lastEnd.forEach((_, lane) => lanes.push({ key: `${g}:${lane}`, group, first: lane === 0, odd: g % 2 === 1 }));
  });
  return { lanes, laneOf };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
