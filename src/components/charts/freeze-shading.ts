// Freeze windows shaded on a calendar of lanes (calendar-lanes.ts): a freeze covering every system
// across the whole chart, a scoped one only on the lanes of the systems it covers.
import * as Plot from '@observablehq/plot';
import type { Lane } from './calendar-lanes.ts';
import { dayEnd, dayStart } from './time.ts';

export interface FreezeSpan {
  name: string;
  /** First and last frozen day, `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
  /** System ids; null for every system. */
  scope: readonly string[] | null;
}

export function freezeTip(f: FreezeSpan): string {
  return `Freeze: ${f.name}, ${f.firstDay} to ${f.lastDay} (${f.scope === null ? 'all systems' : f.scope.join(', ')})`;
}

/**
 * The marks shading `freezes` within the days `from` to `to`, and the freezes shown. `systemOf` names
 * the system of a lane (null: a lane no scoped freeze covers).
 */
export function freezeMarks(
  freezes: readonly FreezeSpan[], lanes: readonly Lane[], systemOf: (lane: Lane) => string | null, view: { from: string; to: string },
): { marks: Plot.Markish[]; shown: FreezeSpan[] } {
  const clip = (f: FreezeSpan) => ({
    x1: dayStart(f.firstDay < view.from ? view.from : f.firstDay), x2: dayEnd(f.lastDay > view.to ? view.to : f.lastDay),
  });
  const inView = freezes.filter((f) => f.lastDay >= view.from && f.firstDay <= view.to && f.firstDay <= f.lastDay);
  const all = inView.filter((f) => f.scope === null);
  const covers = (f: FreezeSpan, lane: Lane) => {
    const system = systemOf(lane);
    return f.scope !== null && system !== null && f.scope.includes(system);
  };
  const cells = inView.flatMap((f) => lanes.filter((l) => covers(f, l)).map((l) => ({ f, lane: l.key, ...clip(f) })));
  const shown = inView.filter((f) => f.scope === null || cells.some((c) => c.f === f));
  return {
    marks: [
      Plot.rect(all.map((f) => ({ f, ...clip(f) })), { x1: 'x1', x2: 'x2', className: 'cal-freeze', fill: 'currentColor', title: (d: { f: FreezeSpan }) => freezeTip(d.f) }),
      Plot.barX(cells, { x1: 'x1', x2: 'x2', y: 'lane', className: 'cal-freeze', fill: 'currentColor', title: (d: { f: FreezeSpan }) => freezeTip(d.f) }),
    ],
    shown,
  };
}
