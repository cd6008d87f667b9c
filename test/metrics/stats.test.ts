// The weighted quantile must be exactly the quantile of the values repeated by their weights.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileOf, weightedQuantileOf } from '../../src/metrics/stats.ts';

describe('weightedQuantileOf', () => {
  it('equals quantileOf over the expanded values', () => {
    const group = fc.record({ value: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 4), weight: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (groups, p) => {
        const expanded = groups.flatMap((g) => Array<number>(g.weight).fill(g.value));
        const got = weightedQuantileOf(groups.map((g) => g.value), groups.map((g) => g.weight), p);
        const want = quantileOf(expanded, p);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      }),
      { numRuns: 500 },
    );
  });

  it('knows a hand-checked median: 1 ×3, 5 ×1, 9 ×2 → the 3rd and 4th of 1 1 1 5 9 9', () => {
    expect(weightedQuantileOf([9, 1, 5], [2, 3, 1], 0.5)).toBe(3);
  });
});
