// The change calendar when its systems have more changes than can be drawn a bar each (an enterprise
// plans hundreds a month on a busy system: bars too thin to see, and too heavy for the page): a row
// per system, a cell per ISO week shaded by how many changes are planned in it. A cell's tooltip counts
// its changes and their collisions; the chart's CSV download lists each of them.
import * as Plot from '@observablehq/plot';
import { mondayOf } from '../../metrics/calendar.ts';
import { addDays } from '../../metrics/periods.ts';
import type { ChangeRow } from '../../report/model-changes.ts';
import { formatCount, plural } from '../format.ts';
import type { Lane } from './calendar-lanes.ts';
import { dayEnd, dayStart } from './time.ts';

/** A change and the calendar days its planned window touches. */
export interface PlannedChange {
  c: ChangeRow;
  first: string;
  last: string;
}

/** Shades of a week, fewest changes first (operations.css). */
const CLASSES = ['chg-load-1', 'chg-load-2', 'chg-load-3', 'chg-load-4'];

/**
 * The class of `n` changes: the busiest week's count cut in four equal steps, so the shades spread
 * whether a system plans two changes a week or forty; with a legend naming each step's counts.
 */
export function loadScale(most: number): { classOf: (n: number) => string; legend: Array<{ label: string; className: string }> } {
  const step = Math.max(1, Math.ceil(most / CLASSES.length));
  const index = (n: number) => Math.min(CLASSES.length - 1, Math.ceil(n / step) - 1);
  const steps = CLASSES.map((className, i) => ({ className, first: i * step + 1, last: Math.min(most, (i + 1) * step) })).filter((s) => s.first <= most);
  return {
    classOf: (n) => CLASSES[index(n)]!,
    // "1–8 changes a week", then "9–16", "17–24"…
    legend: steps.map((s, i) => {
      const range = s.first === s.last ? formatCount(s.first) : `${formatCount(s.first)}–${formatCount(s.last)}`;
      return { className: s.className, label: i > 0 ? range : `${range} ${s.last === 1 ? 'change' : 'changes'} a week` };
    }),
  };
}

interface WeekCell {
  lane: string;
  system: string;
  monday: string;
  changes: ChangeRow[];
  x1: Date;
  x2: Date;
}

export function weekTip(cell: Pick<WeekCell, 'system' | 'monday' | 'changes'>): string {
  const colliding = cell.changes.filter((c) => c.collidesWith.length > 0).length;
  const frozen = cell.changes.filter((c) => c.inFreeze).length;
  return (
    `${cell.system}, week of ${cell.monday}: ${plural(cell.changes.length, 'change', 'changes')} planned` +
    `${colliding ? `, ${formatCount(colliding)} colliding` : ''}${frozen ? `, ${formatCount(frozen)} inside a freeze` : ''}`
  );
}

/** A lane per system, in the order of `systems` (id and name), and the marks and legend of their weeks in the view. */
export function weekMarks(shown: readonly PlannedChange[], systems: ReadonlyArray<readonly [string | null, string]>, view: { from: string; to: string }) {
  const lanes: Lane[] = systems.map((_, i) => ({ key: String(i), group: String(i), first: true, odd: i % 2 === 1 }));
  const laneOf = new Map(systems.map(([id], i) => [id, String(i)]));
  const cells = new Map<string, WeekCell>();
  for (const { c, first, last } of shown) {
    const lane = laneOf.get(c.system?.id ?? null)!;
    // Every week the window touches, inside the view.
    for (let monday = mondayOf(first < view.from ? view.from : first); monday <= last && monday <= view.to; monday = addDays(monday, 7)) {
      const key = `${lane}:${monday}`;
      const sunday = addDays(monday, 6);
      const cell = cells.get(key) ?? cells.set(key, {
        lane, system: systems[Number(lane)]![1], monday, changes: [],
        x1: dayStart(monday < view.from ? view.from : monday), x2: dayEnd(sunday > view.to ? view.to : sunday),
      }).get(key)!;
      cell.changes.push(c);
    }
  }
  const data = [...cells.values()];
  const scale = loadScale(Math.max(0, ...data.map((d) => d.changes.length)));
  const present = new Set(data.map((d) => scale.classOf(d.changes.length)));
  return {
    lanes,
    // One mark per class: a mark's class is fixed, and the class is what follows the theme. Collisions
    // are counted in the tooltips, not outlined: in a busy portfolio nearly every week has one.
    marks: CLASSES.map((className) =>
      Plot.barX(data.filter((d) => scale.classOf(d.changes.length) === className), {
        x1: 'x1', x2: 'x2', y: 'lane', insetTop: 2, insetBottom: 2, insetLeft: 0.5, insetRight: 0.5, className, fill: 'currentColor', title: weekTip,
      }),
    ),
    legend: scale.legend.filter((l) => present.has(l.className)),
  };
}
