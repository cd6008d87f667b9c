// Summary statistics used by every metric family, with the contract's definitions (CONTRACT.md).
import { quantile } from 'd3-array';

/** Linear interpolation between order statistics, as `d3.quantile`; null for no values. */
export function quantileOf(values: readonly number[], p: number): number | null {
  return values.length ? (quantile(values, p) ?? null) : null;
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
