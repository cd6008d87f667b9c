// Charts with a row per system, project, environment or team grow with the portfolio: at enterprise
// scale hundreds of rows, too tall to read and too heavy for a page. They draw the rows with the most
// (changes, releases, booked days, work) and say how many are left out; their CSV keeps every row.
import { formatCount } from '../format.ts';

const collator = new Intl.Collator('en', { numeric: true });

/** The `most` keys of largest weight, largest first, ties by key (so the same data draws the same rows). */
export function topKeys<K>(weights: ReadonlyMap<K, number>, most: number): K[] {
  return [...weights]
    .sort(([a, x], [b, y]) => y - x || collator.compare(String(a), String(b)))
    .slice(0, most)
    .map(([key]) => key);
}

/**
 * The leading `keys` whose costs (bars drawn, say) add up to at most `budget`, and always the first:
 * rows with many marks each take the room of several.
 */
export function withinBudget<K>(keys: readonly K[], cost: (key: K) => number, budget: number): K[] {
  const out: K[] = [];
  let total = 0;
  for (const key of keys) {
    total += cost(key);
    if (out.length && total > budget) break;
    out.push(key);
  }
  return out;
}

/** Each key's weight: the sum of `weight` over the items of that key. */
export function weigh<T, K>(items: readonly T[], key: (item: T) => K, weight: (item: T) => number = () => 1): Map<K, number> {
  const weights = new Map<K, number>();
  for (const item of items) weights.set(key(item), (weights.get(key(item)) ?? 0) + weight(item));
  return weights;
}

/**
 * " Drawn: the 12 systems with the most changes, of 90; the CSV download has them all." Empty when every
 * row is drawn. `together`: the rest are drawn as one row, and the text says so.
 */
export function topText(drawn: number, total: number, rows: string, most: string, together = false): string {
  if (drawn >= total) return '';
  const rest = together ? `, the other ${formatCount(total - drawn)} together as one row` : '';
  return ` Drawn: the ${formatCount(drawn)} ${rows} with the most ${most}, of ${formatCount(total)}${rest}; the CSV download has them all.`;
}

/** The `most` items of largest weight, in their order, and the others: for charts that draw the rest as one row. */
export function topAndRest<T>(items: readonly T[], weight: (item: T) => number, most: number): { top: T[]; rest: T[] } {
  const kept = new Set(topKeys(new Map(items.map((item, i) => [i, weight(item)])), most));
  return { top: items.filter((_, i) => kept.has(i)), rest: items.filter((_, i) => !kept.has(i)) };
}
