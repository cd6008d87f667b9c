import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argsortNonNegative } from '../../src/metrics/argsort.ts';

/** The reference: a stable comparator sort of the indices. */
const byComparator = (values: readonly number[]) => Array.from(values, (_, i) => i).sort((a, b) => values[a]! - values[b]!);

describe('argsortNonNegative', () => {
  it('orders by value, ties in index order (hand-checked)', () => {
    expect([...argsortNonNegative([2.5, 0, 1, 2.5, 0, 1e12, 1 / 3])]).toEqual([1, 4, 6, 2, 0, 3, 5]);
    expect([...argsortNonNegative([])]).toEqual([]);
    expect([...argsortNonNegative([-0, 0, -0])]).toEqual([0, 1, 2]);
  });

  it('gives the stable comparator sort on any values ≥ 0, ties and wide ranges included', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.double({ min: 0, max: 1e15, noNaN: true }),
      fc.integer({ min: 0, max: 10 ** 9 }).map((ms) => ms / 86_400_000),
    );
    fc.assert(fc.property(fc.array(value, { maxLength: 300 }), (values) => {
      expect([...argsortNonNegative(values)]).toEqual(byComparator(values));
    }));
  });

  it('refuses negative numbers and NaN', () => {
    expect(() => argsortNonNegative([1, -1])).toThrow(/-1 at 1/);
    expect(() => argsortNonNegative([NaN])).toThrow(/NaN at 0/);
  });
});
