// Summary statistics used by every metric family, with the contract's definitions (CONTRACT.md).
import { quantile } from 'd3-array';

/** Linear interpolation between order statistics, as `d3.quantile`; null for no values. */
export function quantileOf(values: readonly number[], p: number): number | null {
  return values.length ? (quantile(values, p) ?? null) : null;
}

/**
 * `quantileOf` of each `values[i]` repeated `weights[i]` times, without building that array (lead times
 * come in groups of many work items alike, and in columns: millions of them at enterprise scale).
 */
export function weightedQuantileOf(values: readonly number[], weights: readonly number[], p: number): number | null {
  // Already sorted input (delivery.ts orders lead times once) costs one linear pass here.
  const order = [...values.keys()].filter((i) => weights[i]! > 0).sort((a, b) => values[a]! - values[b]!);
  const n = order.reduce((s, i) => s + weights[i]!, 0);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  // The value at 0-based rank r of the expanded, sorted values.
  let k = 0;
  let seen = weights[order[0]!]!;
  const at = (r: number) => {
    while (seen <= r) seen += weights[order[++k]!]!;
    return values[order[k]!]!;
  };
  const a = at(lo);
  return lo + 1 < n ? a + (at(lo + 1) - a) * (h - lo) : a;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Rounds for display and export: metric values are written with at most 4 decimals. */
export function round(value: number | null, decimals = 4): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
