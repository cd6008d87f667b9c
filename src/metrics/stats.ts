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
export function weightedQuantileOf(values: ArrayLike<number>, weights: ArrayLike<number>, p: number): number | null {
  let n = 0;
  let sorted = true;
  for (let i = 0; i < values.length; i++) {
    n += weights[i]!;
    if (i > 0 && values[i]! < values[i - 1]!) sorted = false;
  }
  if (n === 0) return null;
  // Input in order of values (delivery.ts sorts lead times once) is read as it is.
  const order = sorted ? null : Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const at = (k: number) => (order ? order[k]! : k);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  // The value at 0-based rank r of the expanded, sorted values; weights of 0 are passed over.
  let k = 0;
  let seen = weights[at(0)]!;
  const rank = (r: number) => {
    while (seen <= r) seen += weights[at(++k)]!;
    return values[at(k)]!;
  };
  const a = rank(lo);
  return lo + 1 < n ? a + (rank(lo + 1) - a) * (h - lo) : a;
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
