// Long release lists keep the open releases first (the dependencies page's critical paths and what-if).
import { expect, it } from 'vitest';
import { openFirst, shownText } from '../../src/components/open-first.ts';
import { withinBudget } from '../../src/components/charts/top.ts';

it('keeps every item up to the limit, else the open ones first, each in its order', () => {
  const items = ['a1', 'b1', 'a2', 'b2', 'a3'];
  const isOpen = (s: string) => s.startsWith('b');
  expect(openFirst(items, isOpen, 5)).toEqual(items);
  expect(openFirst(items, isOpen, 3)).toEqual(['a1', 'b1', 'b2']);
  expect(openFirst(items, isOpen, 1)).toEqual(['b1']);
  expect(shownText(3, 5)).toBe(' Shown: 3 of 5, those of releases still open first.');
  expect(shownText(5, 5)).toBe('');
});

it('keeps the leading keys within a budget, and always the first', () => {
  const cost = new Map([['x', 100], ['y', 50], ['z', 30]]);
  expect(withinBudget(['x', 'y', 'z'], (k) => cost.get(k)!, 150)).toEqual(['x', 'y']);
  expect(withinBudget(['x', 'y', 'z'], (k) => cost.get(k)!, 10)).toEqual(['x']);
  expect(withinBudget(['x', 'y', 'z'], (k) => cost.get(k)!, 1000)).toEqual(['x', 'y', 'z']);
});
