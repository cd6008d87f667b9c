// Lists of releases that grow with the portfolio (the dependencies page's critical paths and its
// what-if choices): beyond a length, the releases still open come first, since a slip can still move
// them, and the rest are left out with a note saying how many.
import { formatCount } from './format.ts';

/** The first `most` items, those whose release is open before the others, each group in its order. */
export function openFirst<T>(items: readonly T[], isOpen: (item: T) => boolean, most: number): T[] {
  if (items.length <= most) return [...items];
  const kept = new Set([...items.filter(isOpen), ...items.filter((i) => !isOpen(i))].slice(0, most));
  return items.filter((i) => kept.has(i));
}

/** " Shown: 40 of 403, those of releases still open first." Empty when nothing was left out. */
export function shownText(shown: number, total: number): string {
  return shown < total ? ` Shown: ${formatCount(shown)} of ${formatCount(total)}, those of releases still open first.` : '';
}
