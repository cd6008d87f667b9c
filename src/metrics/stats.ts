// Summary statistics used by every metric family, with the contract's definitions (CONTRACT.md).
import { quantile } from 'd3-array';

/** Linear interpolation between order statistics, as `d3.quantile`; null for no values. */
export function quantileOf(values: readonly number[], p: number): number | null {
  return values.length ? (quantile(values, p) ?? null) : null;
}

/**
 * `quantileOf` of the values each repeated `weight` times, without building that array (lead times
 * come in groups of many work items alike).
 */
export function weightedQuantileOf(groups: ReadonlyArray<{ value: number; weight: number }>, p: number): number | null {
  const sorted = groups.filter((g) => g.weight > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, g) => s + g.weight, 0);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  // The value at 0-based rank r of the expanded, sorted values.
  let k = 0;
  let seen = sorted[0]!.weight;
  const at = (r: number) => {
    while (seen <= r) seen += sorted[++k]!.weight;
    return sorted[k]!.value;
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
